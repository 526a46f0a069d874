"""``python -m ponti publish OUTDIR``: the public views as a static site (``ponti.publish``).

Options: ``--address 'view=map&origin=SEN'`` (repeatable; default every view that needs no
subject, unfiltered; ``view=city&code=<ISTAT>`` and ``view=association&id=<id>`` name one),
``--lang it en`` (default both), ``--ponti-url URL`` (Ponti's public address, for the
"Apri in Ponti / Open in Ponti" links; default ``PONTI_PUBLIC_URL``, else no link). The store
is the one the dashboard reads (``PONTI_DATA_DIR``); it must hold a version (the dashboard
seeds the demo on first start; ``python -m loaders seed-demo`` does the same).
Exit codes: 0 written, 1 could not be written (the message says why), 2 a mistake in the
command itself.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ponti import embed, i18n
from ponti.i18n import t, tn
from ponti.publish import DEFAULT_ADDRESSES, LANGS, PublishError, publish
from ponti.store import StoreError
from ponti.stores import default_store

PUBLIC_URL_ENV = "PONTI_PUBLIC_URL"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ponti",
        description="Ponti: il sito statico delle viste pubbliche / the public views as a "
        "static site.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    pub = commands.add_parser(
        "publish",
        help="scrive le viste pubbliche in OUTDIR / writes the public views into OUTDIR",
    )
    pub.add_argument("outdir", type=Path, help="cartella del sito / the site's folder")
    pub.add_argument(
        "--address",
        action="append",
        default=None,
        help="una vista, come nell'indirizzo / one view, as in its address "
        f"(e.g. 'view=map&origin=SEN'; default: {', '.join(DEFAULT_ADDRESSES)})",
    )
    pub.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    pub.add_argument(
        "--ponti-url",
        default=None,
        help=f"l'indirizzo pubblico di Ponti / Ponti's public address (default {PUBLIC_URL_ENV})",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; its exit code."""
    args = _parser().parse_args(argv)
    lang = i18n.normalise_lang(args.lang[0])
    ponti_url = embed.public_base(
        args.ponti_url if args.ponti_url is not None else os.environ.get(PUBLIC_URL_ENV)
    )
    try:
        store = default_store()
        if store.current() is None:
            raise PublishError(t("publish.empty", lang, root=store.location))
        pages = publish(
            store,
            args.outdir,
            addresses=args.address or DEFAULT_ADDRESSES,
            langs=args.lang,
            ponti_url=ponti_url,
        )
    except (PublishError, StoreError, OSError) as error:
        print(t("publish.failed", lang, reason=str(error)), file=sys.stderr)
        return 1
    for page in pages:
        size = (page.html_bytes + page.data_bytes) / 1000
        note = f"  ({page.problem})" if page.problem else ""
        print(f"{page.path}  {size:,.0f} kB{note}")
    print(tn("publish.done", len(pages), lang, folder=str(args.outdir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
