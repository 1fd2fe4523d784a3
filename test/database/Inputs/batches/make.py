"""Writes a program of 20 files for batches.test: channel00.c .. channel19.c,
each publishing through its own flag with a release fence and reading its
neighbour's flag with an acquire fence (so every file has an ordering point
and pairs across files), and compile_commands.json. `broken` names files
that do not compile; `missing` files named in the compilation database but
not written."""
import json
import sys

directory, broken, missing = sys.argv[1], set(sys.argv[2].split(",")), \
    set(sys.argv[3].split(","))
entries = []
for i in range(20):
    name = "channel%02d.c" % i
    entries.append({"directory": directory, "file": name,
                    "command": "cc -std=gnu11 -c " + name})
    if name in missing:
        continue
    with open("%s/%s" % (directory, name), "w") as f:
        f.write("extern int flag%02d, data%02d;\n" % ((i + 1) % 20, (i + 1) % 20))
        f.write("int flag%02d, data%02d;\n" % (i, i))
        f.write("void publish%02d(int v) {\n  data%02d = v;\n"
                "  __atomic_thread_fence(__ATOMIC_RELEASE);\n"
                "  __atomic_store_n(&flag%02d, 1, __ATOMIC_RELAXED);\n}\n"
                % (i, i, i))
        f.write("int consume%02d(void) {\n"
                "  if (!__atomic_load_n(&flag%02d, __ATOMIC_RELAXED))\n"
                "    return 0;\n  __atomic_thread_fence(__ATOMIC_ACQUIRE);\n"
                "  return data%02d;\n}\n" % (i, (i + 1) % 20, (i + 1) % 20))
        if name in broken:
            f.write("int broken%02d = ;\n" % i)
with open(directory + "/compile_commands.json", "w") as f:
    json.dump(entries, f, indent=1)
