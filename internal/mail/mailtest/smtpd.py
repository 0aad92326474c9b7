# SPDX-License-Identifier: AGPL-3.0-or-later
"""A real SMTP server for nordcal's tests, on Debian's python3-aiosmtpd.

It prints one JSON line per event on stdout: "ready" with the port once it
listens, "connect" per TCP connection, "refused" per message it answers
with 451 (the first --fail messages), and "message" per accepted message.
It stops when its stdin closes.
"""
import argparse
import asyncio
import json
import ssl
import sys

from aiosmtpd.smtp import SMTP


def emit(**kw):
    sys.stdout.write(json.dumps(kw) + "\n")
    sys.stdout.flush()


class Handler:
    def __init__(self, fail):
        self.fail = fail

    async def handle_DATA(self, server, session, envelope):
        if self.fail > 0:
            self.fail -= 1
            emit(event="refused", rcpt=envelope.rcpt_tos)
            return "451 4.3.0 Try again later"
        emit(event="message", mail_from=envelope.mail_from, rcpt=envelope.rcpt_tos,
             data=envelope.original_content.decode("utf-8", "replace"), tls=session.ssl is not None)
        return "250 2.0.0 OK"


class CountingSMTP(SMTP):
    def connection_made(self, transport):
        # STARTTLS calls this again on the same connection.
        if self.transport is None:
            emit(event="connect")
        super().connection_made(transport)


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--fail", type=int, default=0)
    p.add_argument("--cert")
    p.add_argument("--key")
    args = p.parse_args()
    tls = None
    if args.cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)
    handler = Handler(args.fail)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: CountingSMTP(handler, tls_context=tls, hostname="smtp.test", decode_data=False),
        "127.0.0.1", args.port)
    emit(event="ready", port=server.sockets[0].getsockname()[1])
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


asyncio.run(main())
