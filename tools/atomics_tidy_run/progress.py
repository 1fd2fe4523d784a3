"""Progress on stderr: a bar with an ETA on a terminal, plain lines in CI logs.
Every tool shows its progress with it (atomics-tidy-run, atomics-tidy-bench).

- "bar": one line redrawn in place: `[=====>     ]  45%  54/120  0:12 ETA 0:15  util/async.c`
- "lines": `atomics-tidy-run: [ 54/120]  45% 0:00:12 elapsed, ETA 0:00:15`, at
  every 5% (every 1/steps of the total) and at least every 30 s, so a CI log
  shows that the job is alive without a line per file;
- "none".

`prefix` names the tool in the lines; `what`, when given, says what the
tool is doing (e.g. "analysing"), before the count in the lines and before
the bar on a terminal: `atomics-tidy-db: analysing [ 4/40]  10% ...` and
`analysing [===>   ]  10% 4/40 ...`.

"auto" is "bar" when stderr is a terminal (and TERM is not "dumb" and the CI
variable is unset), "lines" otherwise.
"""

import os
import shutil
import sys
import time


def choose(mode, stream=sys.stderr):
    if mode != "auto":
        return mode
    tty = hasattr(stream, "isatty") and stream.isatty()
    if tty and os.environ.get("TERM", "") != "dumb" and not os.environ.get("CI"):
        return "bar"
    return "lines"


def _clock(seconds):
    seconds = int(round(seconds))
    return "%d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60)


class Progress:
    def __init__(self, mode, total, stream=sys.stderr, prefix="atomics-tidy-run", what="",
                 steps=20):
        self.mode = mode
        self.total = total
        self.stream = stream
        self.prefix = prefix
        self.lead = what + " " if what else ""   # before the count or the bar
        self.steps = max(1, steps)
        self.done = 0
        self.start = time.monotonic()
        self.last_line = self.start
        self.last_pct_step = -1
        self.drawn = False

    def eta(self, now):
        if not self.done:
            return None
        elapsed = now - self.start
        return elapsed / self.done * (self.total - self.done)

    def advance(self, label=""):
        self.done += 1
        now = time.monotonic()
        if self.mode == "bar":
            self._draw(now, label)
        elif self.mode == "lines":
            step = self.done * self.steps // max(self.total, 1)   # every 5% by default
            if step != self.last_pct_step or now - self.last_line >= 30 or self.done == self.total:
                self.last_pct_step = step
                self.last_line = now
                eta = self.eta(now)
                width = len(str(self.total))
                self.stream.write("%s: %s[%*d/%d] %3d%% %s elapsed%s\n" % (
                    self.prefix, self.lead, width, self.done, self.total,
                    self.done * 100 // max(self.total, 1), _clock(now - self.start),
                    ", ETA %s" % _clock(eta) if eta is not None and self.done < self.total else ""))
                self.stream.flush()

    def _draw(self, now, label):
        cols = shutil.get_terminal_size((80, 24)).columns
        pct = self.done * 100 // max(self.total, 1)
        eta = self.eta(now)
        info = " %3d%% %d/%d %s ETA %s " % (pct, self.done, self.total,
                                            _clock(now - self.start),
                                            _clock(eta) if eta is not None else "-:--:--")
        bar_width = max(10, min(40, cols - len(self.lead) - len(info) - 30))
        filled = bar_width * self.done // max(self.total, 1)
        bar = "[" + "=" * filled + (">" if filled < bar_width else "") + " " * (bar_width - filled - 1) + "]"
        line = self.lead + bar + info
        room = cols - len(line) - 1
        if room > 3 and label:
            line += label if len(label) <= room else "..." + label[-(room - 3):]
        self.stream.write("\r\033[K" + line[:cols - 1])
        self.stream.flush()
        self.drawn = True

    def finish(self):
        if self.mode == "bar" and self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
