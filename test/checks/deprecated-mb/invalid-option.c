// RUN: %check_atomics_tidy -expect-clang-tidy-error %s atomics-deprecated-mb %t -- \
// RUN:   --config="{CheckOptions: {atomics-deprecated-mb.ExtraNames: 'ok_name;bad name=x'}}"
// An invalid option value is one clear error that says what is expected;
// the valid entries still work.
int ok_name(int *p);
int flag;
int use(void) { return ok_name(&flag); }
// CHECK-MESSAGES: error: invalid value for option 'atomics-deprecated-mb.ExtraNames': invalid entry 'bad name=x': expected a C identifier, optionally followed by '=' and another C identifier, entries separated by ';'; the check uses the valid entries only [clang-tidy-config]
// CHECK-MESSAGES: :[[@LINE-2]]:24: warning: 'ok_name' is deprecated
