#!/usr/bin/python3
"""Drives the review station in Debian's headless chromium over the DevTools protocol, with the
keyboard only: signs in, decides COUNT queued marks (each as the bubble the page outlines as unsure),
steps back once, then (with --writein-text) switches to the write-ins with T, types the text into
the first box and records it with Enter; and saves a screenshot of every screen. Standard library only (the WebSocket is
spoken by hand). Prints one JSON object: the decisions made and the time from each Enter to the
next crop on screen (ms). Exits 1 with a message when the page does not do what it should.

  review_station_browser.py --url http://127.0.0.1:8080/ --name Lan --password ... --count 20 \
      --shots DIR [--chromium /usr/bin/chromium] [--think-ms 0] [--writein-text TEXT]
"""

import argparse
import base64
import json
import os
import re
import shutil
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request


class Failure(Exception):
    pass


class WebSocket:
    """The client side of RFC 6455, enough for the DevTools protocol: text frames, masked."""

    def __init__(self, url):
        m = re.match(r"ws://([^:/]+):(\d+)(/.*)", url)
        if not m:
            raise Failure("not a ws:// address: " + url)
        self.sock = socket.create_connection((m.group(1), int(m.group(2))), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET {m.group(3)} HTTP/1.1\r\nHost: {m.group(1)}:{m.group(2)}\r\n"
                   "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise Failure("the browser closed the WebSocket during the handshake")
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise Failure("WebSocket handshake refused: " + head.decode(errors="replace"))

    def send(self, text):
        payload = text.encode()
        header = bytes([0x81])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise Failure("the browser closed the WebSocket")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def receive(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise Failure("the browser closed the WebSocket")
            if opcode in (0x9, 0xA):  # ping, pong: not used by DevTools
                continue
            message += payload
            if b0 & 0x80:
                return message.decode()


class Page:
    """One browser tab, driven over the DevTools protocol."""

    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self.ws.receive())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise Failure(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def eval(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise Failure(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, expression, what, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                value = self.eval(expression)
            except Failure:  # the page is still loading: its elements are not there yet
                value = None
            if value:
                return value
            time.sleep(0.005)
        status = self.eval("document.getElementById('status').textContent")
        raise Failure(f"waited {seconds} s for {what}; status line: {status!r}")

    KEYS = {"Enter": ("Enter", 13, "\r"), "Tab": ("Tab", 9, ""), "ArrowLeft": ("ArrowLeft", 37, "")}

    def select_all(self):
        """Ctrl+A in the focused field (the editing command it stands for, given explicitly:
        headless chromium does not map shortcuts to commands by itself)."""
        self.call("Input.dispatchKeyEvent", type="rawKeyDown", key="a", code="KeyA",
                  windowsVirtualKeyCode=65, modifiers=2, commands=["selectAll"])
        self.call("Input.dispatchKeyEvent", type="keyUp", key="a", code="KeyA",
                  windowsVirtualKeyCode=65, modifiers=2)

    def key(self, key):
        if key in self.KEYS:
            code, vk, text = self.KEYS[key]
        elif key.isdigit():
            code, vk, text = "Digit" + key, ord(key), key
        else:
            code, vk, text = "Key" + key.upper(), ord(key.upper()), key
        down = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": vk}
        if text:
            down["text"] = text
        self.call("Input.dispatchKeyEvent", **down)
        self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code,
                  windowsVirtualKeyCode=vk)

    def type(self, text):
        self.call("Input.insertText", text=text)

    def shot(self, folder, name):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(os.path.join(folder, name), "wb") as f:
            f.write(base64.b64decode(data))


SHOWN = ("(() => { const i = document.getElementById('item'); if (i.hidden) return null;"
         " const img = document.getElementById('crop-0');"
         " if (!img || !img.complete || img.naturalWidth === 0) return null;"
         " return document.getElementById('item-form').textContent + '/' +"
         " document.getElementById('item-code').textContent; })()")
UNSURE = ("(() => { const b = document.querySelector('.bubble.uncertain');"
          " return b ? b.dataset.option : null; })()")


def median(values):
    return round(statistics.median(values), 1) if values else 0


def p95(values):
    """The 95th percentile, nearest rank."""
    if not values:
        return 0
    ordered = sorted(values)
    return round(ordered[max(0, -(-95 * len(ordered) // 100) - 1)], 1)


def start_chromium(binary, profile):
    process = subprocess.Popen(
        [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-extensions", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
         f"--user-data-dir={profile}", "--window-size=1280,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            raise Failure("chromium ended before it listened")
        m = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
        if m:
            return process, int(m.group(1))
    raise Failure("chromium did not say where DevTools listens within 60 s")


def run(args):
    os.makedirs(args.shots, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="phieu-chromium-")
    process = None
    try:
        process, port = start_chromium(args.chromium, profile)
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page_target = next(t for t in targets if t.get("type") == "page")
        page = Page(WebSocket(page_target["webSocketDebuggerUrl"]))
        page.call("Page.enable")
        page.call("Runtime.enable")
        page.call("Page.navigate", url=args.url)
        page.wait("!document.getElementById('signin').hidden && "
                  "document.activeElement && document.activeElement.id === 'signin-name'",
                  "the sign-in form with the name field focused")
        page.shot(args.shots, "01-sign-in.png")

        # Wrong password first: the page must say so and stay on the form.
        page.type(args.name)
        page.key("Tab")
        page.type(args.password + "-wrong")
        page.key("Enter")
        page.wait("document.getElementById('signin-error').textContent.length > 0",
                  "the sign-in error")
        page.shot(args.shots, "02-wrong-password.png")
        page.select_all()  # the focus is still in the password field
        page.type(args.password)
        page.key("Enter")
        first = page.wait(SHOWN, "the first item's crop")
        page.shot(args.shots, "03-first-item.png")

        decided, latencies, recorded = [], [], []
        current = first
        for n in range(args.count):
            option = page.wait(UNSURE, "an unsure bubble outlined on " + current)
            for ch in option:
                page.key(ch)
            page.wait(f"document.getElementById('pick').textContent === {json.dumps(option)}",
                      "the pick shown")
            if n == 0:
                page.shot(args.shots, "04-picked.png")
            time.sleep(args.think_ms / 1000)  # a person looks before pressing Enter
            started = time.monotonic()
            page.key("Enter")
            decided.append({"id": current, "value": option})
            if n + 1 < args.count:
                # The decision is sent while the next item is shown: the crop first, the
                # server's answer (the form's new verdict) in the status line after.
                after = page.wait(f"(() => {{ const s = {SHOWN}; return s && s !== {json.dumps(current)} ? s : null; }})()",
                                  "the next item after " + current)
                latencies.append((time.monotonic() - started) * 1000)
            page.wait("document.getElementById('status').textContent.startsWith('Đã ghi " + current + "')",
                      "the decision on " + current + " recorded")
            recorded.append((time.monotonic() - started) * 1000)
            if n == 0:
                page.shot(args.shots, "05-after-first-decision.png")
            if n + 1 < args.count:
                current = after
        page.shot(args.shots, "06-after-last-decision.png")

        # P shows the whole page with the item outlined (on whatever is shown now, if anything).
        if not page.eval("document.getElementById('item').hidden"):
            page.key("p")
            page.wait("document.getElementById('page').complete && "
                      "document.getElementById('page').naturalWidth > 0", "the whole page")
            page.shot(args.shots, "07-whole-page.png")
            page.key("p")
        # ← brings back the last decided item, showing the decision made.
        page.key("ArrowLeft")
        back = decided[-1]["id"]
        page.wait(f"{SHOWN} === {json.dumps(back)} && "
                  "document.getElementById('item-decided').textContent.length > 0",
                  "the previous item shown again with its decision")
        page.shot(args.shots, "08-back.png")
        transcribed = None
        if args.writein_text:
            # T: the write-ins; the first box's crop shown and the text field focused.
            page.key("t")
            box = page.wait("(() => { const i = document.getElementById('text-item');"
                            " const img = document.getElementById('text-crop');"
                            " if (i.hidden || !img.complete || img.naturalWidth === 0) return null;"
                            " if (document.activeElement.id !== 'text-input') return null;"
                            " return document.getElementById('text-form').textContent + '/' +"
                            " document.getElementById('text-box').textContent.split(' ')[0]; })()",
                            "the first write-in's crop with the text field focused")
            page.shot(args.shots, "09-write-in.png")
            page.type(args.writein_text)
            page.shot(args.shots, "10-write-in-typed.png")
            page.key("Enter")
            page.wait("document.getElementById('status').textContent.startsWith('Đã ghi " + box + "')",
                      "the write-in " + box + " recorded")
            page.wait("!document.getElementById('text-done').hidden || "
                      "document.getElementById('text-box').textContent.split(' ')[0] !== " +
                      json.dumps(box.split('/')[1]), "the next write-in or the end of them")
            page.shot(args.shots, "11-after-write-in.png")
            transcribed = {"id": box, "text": args.writein_text}
        print(json.dumps({"decided": decided, "transcribed": transcribed, "latency_ms": [round(t, 1) for t in latencies],
                          "median_ms": median(latencies), "p95_ms": p95(latencies),
                          "recorded_median_ms": median(recorded),
                          "recorded_p95_ms": p95(recorded)}))
    finally:
        if process is not None:
            process.kill()
            process.wait()
        shutil.rmtree(profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--shots", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--think-ms", type=int, default=0,
                        help="wait this long after the pick before Enter, as a person would")
    parser.add_argument("--writein-text", default="",
                        help="type this into the first write-in box after the marks")
    args = parser.parse_args()
    try:
        run(args)
    except Failure as e:
        print("review_station_browser: " + str(e), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
