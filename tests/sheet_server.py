"""A published sheet served on 127.0.0.1 for the URL tests: normal, failing, slow or too big, as a test sets it."""

import http.server
import threading
import time

HEADER = 'Hostname,Asset Tag,MAC,IP,School,Room,Type,OS,Status,Notes\n'
PC = 'pc01,1001,aa:bb:cc:00:00:01,,Lincoln,Lab 101,Desktop,Windows 11,Active,\n'
# the secret parts of a "publish to the web" link: they must never leave the config
TOKEN, KEY = '2PACX-1vSecretToken0123456789abcdef', 'gid-secret-987654'


class SheetHandler(http.server.BaseHTTPRequestHandler):
    mode = 'ok'          # ok | fail | slow | big | chunked-big
    body = (HEADER + PC).encode()
    hits = 0

    def do_GET(self):
        type(self).hits += 1
        mode = type(self).mode
        if mode == 'fail':
            self.send_error(500, 'publishing is off')
            return
        self.send_response(200)
        self.send_header('Content-Type', 'text/csv')
        if mode == 'big':
            self.send_header('Content-Length', str(10 ** 9))
            self.end_headers()
            return
        if mode == 'chunked-big':
            self.end_headers()
            try:
                for _chunk in range(200):
                    self.wfile.write(b'x' * 65536)
            except OSError:
                pass
            return
        self.send_header('Content-Length', str(len(type(self).body)))
        self.end_headers()
        if mode == 'slow':
            try:
                for byte in type(self).body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass
            return
        self.wfile.write(type(self).body)

    def log_message(self, *args):
        pass


class SheetServer(object):
    """Context manager: .url is the sheet's address with its secret token and key."""

    def __enter__(self):
        SheetHandler.mode, SheetHandler.hits, SheetHandler.body = 'ok', 0, (HEADER + PC).encode()
        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), SheetHandler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = 'http://127.0.0.1:%d/spreadsheets/d/e/%s/pub?output=csv&key=%s' % (
            self.server.server_address[1], TOKEN, KEY)
        self.handler = SheetHandler
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
