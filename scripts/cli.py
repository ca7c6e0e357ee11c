"""Command line: `python -m scripts <verb>`. Each verb parses its arguments and
makes one call into the module of its concern; exit codes: 0 ok, 1 failed, 2 bad usage."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from . import check, pull

DATA_DIR = Path("data")


def _pull(args: argparse.Namespace) -> int:
    """Pull form responses into data/.

    Example: python -m scripts pull --source csv --members anggota.csv --programs program.csv
    """
    if args.source == "csv" and not (args.members and args.programs):
        args.parser.error("--source csv memerlukan --members dan --programs")
    paths = {"members": args.members, "programs": args.programs, "needs": args.needs}
    return pull.run(args.source, args.data_dir, args.report, args.config, paths)


def _check(args: argparse.Namespace) -> int:
    """Check data/ against the data contract after a hand edit.

    Example: python -m scripts check --data-dir data
    """
    return check.run(args.data_dir)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=__doc__)
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    def verb(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        sub = verbs.add_parser(
            name,
            help=help_text,
            description=handler.__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(handler=handler, parser=sub)
        return sub

    p = verb("pull", _pull, "tarik jawaban formulir ke data/")
    p.add_argument("--source", choices=["sample", "csv"], default="sample")
    p.add_argument("--members", type=Path, help="CSV Pendaftaran Anggota (dengan --source csv)")
    p.add_argument("--programs", type=Path, help="CSV Laporan Program CSR (dengan --source csv)")
    p.add_argument("--needs", type=Path, help="CSV Kebutuhan Daerah (opsional)")
    p.add_argument("--data-dir", type=Path, default=DATA_DIR)
    p.add_argument("--report", type=Path, help="tulis laporan JSON ke berkas ini")
    p.add_argument("--config", type=Path, help="berkas konfigurasi (bawaan: config.yml)")

    c = verb("check", _check, "periksa data/ terhadap skema")
    c.add_argument("--data-dir", type=Path, default=DATA_DIR)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = build_parser().parse_args(argv)
    return args.handler(args)
