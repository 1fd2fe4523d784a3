"""tools/atomics_tidy_run/selection.py: definitions() finds what a C file
defines at file scope, and the identifiers each definition uses."""

import pytest

from atomics_tidy_run import selection


def test_function_and_its_body():
    d = selection.definitions(
        "static int f(int x)\n{\n    qatomic_inc(&x);\n    return g(x);\n}\n")
    assert set(d) == {"f"}
    assert {"qatomic_inc", "x", "g"} <= d["f"]


def test_macro_and_its_body():
    d = selection.definitions(
        "#define WAIT(c) \\\n    do { smp_mb(); } while (!(c))\n")
    assert "WAIT" in d
    assert "smp_mb" in d["WAIT"]


def test_declarations_calls_and_keywords_are_not_definitions():
    d = selection.definitions(
        "int g(int);\n"
        "int h(void) { if (g(1)) return sizeof(int); return 0; }\n")
    assert set(d) == {"h"}
    assert "g" in d["h"]


def test_comments_and_strings_are_not_code():
    d = selection.definitions(
        "/* void c(void) { smp_wmb(); } */\n"
        "void s(void) { puts(\"smp_rmb();\"); }\n")
    assert set(d) == {"s"}
    assert "smp_rmb" not in d["s"] and "smp_wmb" not in d["s"]


def test_attributes_before_the_name():
    d = selection.definitions(
        "static inline __attribute__((unused)) int f(void) { smp_mb(); }\n")
    assert "smp_mb" in d["f"]


@pytest.mark.xfail(strict=True, reason="an attribute with arguments between "
                   "the parameter list and the body hides the definition")
def test_attributes_between_parameters_and_body():
    d = selection.definitions(
        "void f(void) __attribute__((noinline)) { smp_mb(); }\n")
    assert "smp_mb" in d["f"]
