#!/usr/bin/env python3
"""Drives headless Chromium for the HTML report's tests, with the standard
library only: the DevTools protocol over --remote-debugging-pipe (fd 3 the
commands, fd 4 the replies, each message JSON ended by a NUL byte).

  browser.py [--chromium PATH] open URL [ACTION]...
      Loads URL in a fresh browser and performs the actions in order:
        --eval JS       prints JS's value as JSON on a line of its own
        --press KEY     a key press as a user makes it (a character, or
                        Enter, Escape, Tab, ArrowDown, ArrowUp)
        --type TEXT     types TEXT, a key press per character
        --wait-load     waits for a navigation the previous action started
        --timing        prints 'load: N ms' (navigation start to the load
                        event); not for FileCheck, for people
      Then prints 'console errors: N' and each error: an uncaught
      exception, console.error() or console.assert(), and every error the
      browser logs (a resource that fails to load, a script or style that
      the page's Content-Security-Policy refuses). Exit status 1 when
      there was any, 2 when the browser could not be driven.

  browser.py [--chromium PATH] pages DIR [--every N] [--expect JS]...
      Opens every .html file under DIR (with --every N, every Nth after
      index.html) in one browser, one after the other, and prints 'pages:
      N opened, M with console errors' and each error, as open does; a
      JS expression given with --expect that is not true on a page is an
      error of that page. Exit status 1 when a page had one.

  browser.py links DIR
      Checks every <a href> and <link href> of every .html file under DIR:
      relative links and file: URLs must name a file that exists, a
      fragment an id in that file; any other scheme is an error (the
      report must work offline). Prints 'links: N checked, M broken' and
      each broken one; exit status 1 when one is.
"""

import argparse
import html.parser
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

TIMEOUT = 60


class BrowserError(Exception):
    pass


class Browser:
    def __init__(self, chromium):
        # Chromium refuses to run as root with its sandbox. As another user
        # it needs unprivileged user namespaces or Debian's setuid helper
        # (chromium-sandbox), which a container or a CI runner may not
        # have: it then exits at once, saying "No usable sandbox!". The
        # pages are the report's own, opened from disk, so the tests start
        # it again without the sandbox, and say so on stderr.
        no_sandbox = os.geteuid() == 0
        self._start(chromium, no_sandbox)
        try:
            self.send("Browser.getVersion")
        except BrowserError as e:
            if no_sandbox or "No usable sandbox" not in self.stderr():
                self.close()
                raise BrowserError("cannot start %s: %s" % (chromium, e))
            self.close()
            print("browser.py: note: Chromium's sandbox is not available to this user (no "
                  "unprivileged user namespaces, and no chromium-sandbox); running it with "
                  "--no-sandbox", file=sys.stderr)
            self._start(chromium, True)

    def _start(self, chromium, no_sandbox):
        self.profile = tempfile.mkdtemp(prefix="atomics-tidy-chromium.")
        cmd_r, self._cmd_w = os.pipe()
        self._res_r, res_w = os.pipe()

        def child():
            # Out of the way first: the pipes may already be fds 3 and 4.
            r, w = os.dup(cmd_r), os.dup(res_w)
            os.dup2(r, 3)
            os.dup2(w, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)
        args = [chromium, "--headless", "--remote-debugging-pipe", "--disable-gpu",
                "--user-data-dir=" + self.profile, "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update",
                "--mute-audio", "--window-size=1280,1000", "about:blank"]
        if no_sandbox:
            args.insert(1, "--no-sandbox")
        self._log = open(os.path.join(self.profile, "stderr.log"), "w+b")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self._log,
                                     stderr=self._log, preexec_fn=child, close_fds=False)
        os.close(cmd_r)
        os.close(res_w)
        self._replies = {}
        self._events = queue.Queue()
        self._cond = threading.Condition()
        self._next = 0
        # The reader keeps its own browser's state: a browser that failed to
        # start must not mark the next one closed.
        threading.Thread(target=self._reader, args=(self._res_r, self._replies, self._events,
                                                    self._cond), daemon=True).start()

    @staticmethod
    def _reader(fd, replies, events, cond):
        buf = b""
        while True:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with cond:
                    replies[None] = "closed"
                    cond.notify_all()
                events.put(None)
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw.decode("utf-8"))
                if "id" in msg:
                    with cond:
                        replies[msg["id"]] = msg
                        cond.notify_all()
                else:
                    events.put(msg)

    def send(self, method, params=None, session=None):
        with self._cond:
            self._next += 1
            n = self._next
        msg = {"id": n, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        try:
            os.write(self._cmd_w, json.dumps(msg).encode("utf-8") + b"\0")
        except OSError:
            raise BrowserError("the browser is gone:\n" + self.stderr())
        deadline = time.monotonic() + TIMEOUT
        with self._cond:
            while n not in self._replies:
                if None in self._replies:
                    raise BrowserError("the browser closed its pipe:\n" + self.stderr())
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BrowserError("no reply to %s in %d s" % (method, TIMEOUT))
                self._cond.wait(left)
            reply = self._replies.pop(n)
        if "error" in reply:
            raise BrowserError("%s: %s" % (method, reply["error"].get("message")))
        return reply.get("result", {})

    def event(self, timeout=TIMEOUT):
        try:
            return self._events.get(timeout=timeout)
        except queue.Empty:
            return None

    def stderr(self):
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-3000:]

    def close(self):
        try:
            self.send("Browser.close")
        except BrowserError:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._cmd_w)
        self._log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


_KEYS = {"Enter": ("\r", 13), "Escape": ("", 27), "Tab": ("", 9), "ArrowDown": ("", 40),
         "ArrowUp": ("", 38)}


class Page:
    def __init__(self, browser):
        self.b = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget",
                                    {"targetId": target, "flatten": True})["sessionId"]
        self.errors = []
        for domain in ("Page", "Runtime", "Log"):
            self.send(domain + ".enable")

    def send(self, method, params=None):
        return self.b.send(method, params, self.session)

    def _note(self, ev):
        """Records an error that an event reports; True for a load event."""
        if ev.get("sessionId") != self.session:
            return False
        m, p = ev.get("method"), ev.get("params", {})
        if m == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            self.errors.append("uncaught exception: %s (%s:%s)" % (
                (d.get("exception") or {}).get("description") or d.get("text"),
                d.get("url", "?"), d.get("lineNumber", "?")))
        elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            self.errors.append("console.%s: %s" % (p["type"], " ".join(
                str(a.get("value", a.get("description", ""))) for a in p.get("args", []))))
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            e = p["entry"]
            self.errors.append("browser: %s (%s)" % (e.get("text"), e.get("url", "")))
        return m == "Page.loadEventFired"

    def wait_load(self):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            ev = self.b.event(deadline - time.monotonic())
            if ev is None:
                break
            if self._note(ev):
                return
        raise BrowserError("the page did not finish loading in %d s" % TIMEOUT)

    def drain(self):
        """Takes the events that have come (errors logged after the load)."""
        self.eval("new Promise(r => setTimeout(r, 100))", await_promise=True)
        while True:
            ev = self.b.event(0.05)
            if ev is None:
                return
            self._note(ev)

    def open(self, url):
        started = time.monotonic()
        r = self.send("Page.navigate", {"url": url})
        if r.get("errorText"):
            raise BrowserError("cannot open %s: %s" % (url, r["errorText"]))
        self.wait_load()
        return time.monotonic() - started

    def eval(self, js, await_promise=False):
        r = self.send("Runtime.evaluate", {"expression": js, "returnByValue": True,
                                           "awaitPromise": await_promise})
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise BrowserError("--eval %s: %s" % (js, (d.get("exception") or {}).get(
                "description") or d.get("text")))
        return r.get("result", {}).get("value")

    def press(self, key):
        # Windows key codes: letters and digits are their upper-case ASCII,
        # other characters need none (46, '.', would be Delete).
        code = ord(key.upper()) if len(key) == 1 and key.isascii() and \
            (key.isalnum() or key == " ") else 0
        text, code = _KEYS.get(key, (key, code))
        base = {"key": key, "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code}
        self.send("Input.dispatchKeyEvent", dict(base, type="keyDown", text=text)
                  if text else dict(base, type="rawKeyDown"))
        self.send("Input.dispatchKeyEvent", dict(base, type="keyUp"))


def _start(args):
    """A browser, or None when it cannot be started (said on stderr)."""
    try:
        return Browser(args.chromium)
    except BrowserError as e:
        print("browser.py: error: %s" % e, file=sys.stderr)
        return None


def cmd_open(args, actions):
    browser = _start(args)
    if browser is None:
        return 2
    try:
        page = Page(browser)
        took = page.open(args.url)
        for kind, value in actions:
            if kind == "eval":
                print(json.dumps(page.eval(value), ensure_ascii=False))
            elif kind == "press":
                page.press(value)
            elif kind == "type":
                for c in value:
                    page.press(c)
            elif kind == "wait-load":
                page.wait_load()
            elif kind == "timing":
                print("load: %d ms" % round(took * 1000))
            sys.stdout.flush()
        page.drain()
    except BrowserError as e:
        print("browser.py: error: %s" % e, file=sys.stderr)
        return 2
    finally:
        browser.close()
    print("console errors: %d" % len(page.errors))
    for e in page.errors:
        print("  " + e)
    return 1 if page.errors else 0


def _html_files(directory):
    return sorted(os.path.join(d, f) for d, _, fs in os.walk(directory) for f in fs
                  if f.endswith(".html"))


def cmd_pages(args):
    files = _html_files(args.dir)
    index = [f for f in files if os.path.basename(f) == "index.html"]
    rest = [f for f in files if f not in index][::args.every]
    browser = _start(args)
    if browser is None:
        return 2
    bad = []
    try:
        page = Page(browser)
        for f in index + rest:
            page.errors = []
            page.open("file://" + urllib.parse.quote(os.path.abspath(f)))
            page.drain()
            for js in args.expect:
                if page.eval("!!(%s)" % js) is not True:
                    page.errors.append("not true: %s" % js)
            bad += ["%s: %s" % (f, e) for e in page.errors]
    except BrowserError as e:
        print("browser.py: error: %s" % e, file=sys.stderr)
        return 2
    finally:
        browser.close()
    print("pages: %d opened, %d with console errors" % (
        len(index + rest), len({b.split(": ", 1)[0] for b in bad})))
    for b in bad:
        print("  " + b)
    return 1 if bad else 0


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag in ("a", "link") and a.get("href") is not None:
            self.links.append(a["href"])


def _parse(path, cache):
    if path not in cache:
        p = _Links()
        with open(path, encoding="utf-8") as f:
            p.feed(f.read())
        cache[path] = p
    return cache[path]


def cmd_links(args):
    cache, checked, broken = {}, 0, []
    pages = _html_files(args.dir)
    for page in pages:
        for href in _parse(page, cache).links:
            checked += 1
            u = urllib.parse.urlsplit(href)
            if u.scheme not in ("", "file") or u.netloc:
                broken.append("%s: %s: not a file of the report" % (page, href))
                continue
            path = urllib.parse.unquote(u.path)
            target = page if not path else path if u.scheme == "file" else \
                os.path.normpath(os.path.join(os.path.dirname(page), path))
            if not os.path.isfile(target):
                broken.append("%s: %s: no such file" % (page, href))
            elif u.fragment and target.endswith(".html") and \
                    urllib.parse.unquote(u.fragment) not in _parse(target, cache).ids:
                broken.append("%s: %s: no element with that id" % (page, href))
    print("links: %d checked in %d pages, %d broken" % (checked, len(pages), len(broken)))
    for b in broken:
        print("  " + b)
    return 1 if broken else 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--chromium", default=os.environ.get("CHROMIUM") or "chromium")
    sub = p.add_subparsers(dest="cmd", required=True)
    o = sub.add_parser("open")
    o.add_argument("url")
    actions = []

    class Act(argparse.Action):
        def __call__(self, parser, ns, values, option_string=None):
            actions.append((self.dest, values))
    o.add_argument("--eval", action=Act, dest="eval")
    o.add_argument("--press", action=Act, dest="press")
    o.add_argument("--type", action=Act, dest="type")
    o.add_argument("--wait-load", action=Act, dest="wait-load", nargs=0)
    o.add_argument("--timing", action=Act, dest="timing", nargs=0)
    g = sub.add_parser("pages")
    g.add_argument("dir")
    g.add_argument("--every", type=int, default=1)
    g.add_argument("--expect", action="append", default=[], metavar="JS")
    l = sub.add_parser("links")
    l.add_argument("dir")
    args = p.parse_args()
    if args.cmd == "links":
        return cmd_links(args)
    if args.cmd == "pages":
        return cmd_pages(args)
    return cmd_open(args, actions)


if __name__ == "__main__":
    sys.exit(main())
