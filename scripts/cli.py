"""Command line: `python -m scripts <verb>`. Each verb parses its arguments and
makes one call into the module of its concern; exit codes: 0 ok, 1 failed, 2 bad usage,
3 data pulled but the status table could not be written."""

from __future__ import annotations

import argparse
import datetime
import importlib
import logging
import os
import sys
from pathlib import Path

DATA_DIR = Path("data")


def _module(name: str):
    """A verb's module, imported only when that verb runs: `check` needs no gspread."""
    return importlib.import_module(f"scripts.{name}")


def _pull(args: argparse.Namespace) -> int:
    """Pull form responses into data/.

    Example: python -m scripts pull --source csv --members anggota.csv --programs program.csv
    Production: python -m scripts pull --source sheets (spreadsheets named in config.yml)
    """
    result = _module("intake.pull").pull(
        args.source,
        args.data_dir,
        args.config,
        _paths(args),
        accept_removals=args.accept_removals,
        status_file=args.status,
    )
    return tell_pull(result, args.data_dir, args.report)


STATUS_NOT_WRITTEN = 3


def tell_pull(result, data_dir: Path, report: Path | None = None) -> int:
    """Print what a pull did, write its JSON report when asked; the exit code."""
    if report is not None:
        _module("intake.pull").write_report(report, result)
    if result.status_written:
        print(f"Status setiap baris ditulis ke {' dan '.join(result.status_written)}.")
    if not result.ok:
        print(
            f"Gagal menarik data: {result.error}\nTidak ada berkas di {data_dir} yang diubah.",
            file=sys.stderr,
        )
    else:
        print(result.summary())
        changed = ", ".join(result.changed) if result.changed else "tidak ada (data sama)"
        print(f"Berkas diperbarui: {changed}.")
    if result.status_error:
        print(f"Status penarikan tidak dapat ditulis: {result.status_error}", file=sys.stderr)
    if not result.ok:
        return 1
    return STATUS_NOT_WRITTEN if result.status_error else 0


def _paths(args: argparse.Namespace) -> dict[str, Path | None]:
    if args.source == "csv" and not (args.members and args.programs):
        args.parser.error("--source csv memerlukan --members dan --programs")
    return {"members": args.members, "programs": args.programs, "needs": args.needs}


def _load(args: argparse.Namespace):
    """(data, reference, config) of --data-dir and --config; None after printing why not."""
    from scripts import config
    from scripts.errors import ConfigError, StoreError
    from scripts.model import reference, store

    try:
        settings = config.load(args.config)
        return store.load(args.data_dir), reference.of(settings), settings
    except (StoreError, ConfigError) as exc:
        print(f"Data tidak dapat dibaca: {exc}", file=sys.stderr)
        return None


def _check(args: argparse.Namespace) -> int:
    """Check data/ against the data contract after a hand edit.

    Example: python -m scripts check --data-dir data
    """
    loaded = _load(args)
    if loaded is None:
        return 1
    data, ref, _ = loaded
    problems = _module("checks.schema").problems(args.data_dir, data, ref)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} masalah ditemukan di {args.data_dir}.", file=sys.stderr)
        return 1
    print(f"Data di {args.data_dir} sah.")
    return 0


def _quality(args: argparse.Namespace) -> int:
    """Data quality checks for the secretariat: missing or zero amounts, dates, copied
    descriptions, contacts in free text, members yet to report … with counts, record ids
    and, after a pull, the sheet rows they came from.

    Example: python -m scripts quality --data-dir data
    """
    loaded = _load(args)
    if loaded is None:
        return 1
    data, ref, settings = loaded
    if _module("checks.schema").problems(args.data_dir, data, ref):  # valid data only
        print(
            f"Data di {args.data_dir} tidak sesuai skema: jalankan `python -m scripts check`.",
            file=sys.stderr,
        )
        return 1
    quality = _module("checks.quality")
    found = quality.results(data, datetime.date.today(), settings.reporting_year)
    origins = _module("model.store").load_origins(args.data_dir)
    flagged = sum(1 for r in found if r.records)
    print(
        f"Mutu data (folder {args.data_dir}/): {flagged} dari {len(found)} pemeriksaan "
        "menemukan catatan."
    )
    for result in found:
        print(f"\n[{result.check.id}] {result.message}: {len(result.records)}")
        for entry in quality.entries(result, origins):
            print(f"  {entry}")
    return 0


def _build(args: argparse.Namespace) -> int:
    """Generate the pages from data/ and build the site with MkDocs (or ProperDocs) + Material.

    Example: python -m scripts build --data-dir data --site-dir site
    Other engine: python -m scripts build --engine properdocs
    """
    return _module("site.build").build(
        args.data_dir, args.site_dir, args.build_dir, args.config, args.engine
    )


def _nightly(args: argparse.Namespace) -> int:
    """Pull, commit data/ when it changed (with --commit), build the site: what the
    nightly GitHub Actions workflow runs. A failed pull changes, commits and builds nothing.

    Example: python -m scripts nightly --source sample --site-dir site
    Production: python -m scripts nightly --source sheets --commit
    """
    return _module("nightly.run").run(
        args.source,
        args.data_dir,
        args.site_dir,
        commit=args.commit,
        summary_path=args.summary,
        outputs_path=args.outputs,
        config_path=args.config,
        paths=_paths(args),
        accept_removals=args.accept_removals,
        status_file=args.status,
    )


def _push_data(args: argparse.Namespace) -> int:
    """Push the nightly's data commit; when the branch moved meanwhile, fetch it, put the
    commit on top and try again (three tries). The remote comes from $PUSH_REMOTE (it
    carries the job's token, so it is never an argument nor printed).

    Example: python -m scripts push-data --branch main   (with PUSH_REMOTE=../origin.git)
    Production: the nightly workflow's "Dorong commit data" step
    """
    remote = os.environ.get("PUSH_REMOTE")
    if not remote:
        args.parser.error("PUSH_REMOTE belum diisi")
    pushed = _module("nightly.push").push(Path.cwd(), remote, args.branch)
    print(pushed.message, file=sys.stdout if pushed.ok else sys.stderr)
    return 0 if pushed.ok else 1


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

    def source_arguments(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--source",
            choices=["sample", "csv", "sheets", "url"],
            default="sample",
            help="sample: data contoh; csv: berkas unduhan; sheets: Google Sheets (akun layanan); "
            "url: tautan 'Publikasikan ke web' CSV — sheets dan url disetel di config.yml",
        )
        sub.add_argument(
            "--members",
            type=Path,
            help="CSV atau XLSX Pendaftaran Anggota (dengan --source csv; "
            "lembar lain: berkas.xlsx#Nama Lembar)",
        )
        sub.add_argument(
            "--programs", type=Path, help="CSV atau XLSX Laporan Program CSR (dengan --source csv)"
        )
        sub.add_argument("--needs", type=Path, help="CSV Kebutuhan Daerah (opsional)")
        sub.add_argument("--data-dir", type=Path, default=DATA_DIR)
        sub.add_argument("--config", type=Path, help="berkas konfigurasi (bawaan: config.yml)")
        sub.add_argument(
            "--accept-removals",
            action="store_true",
            help="terima penarikan yang menghapus lebih dari 20%% anggota atau program yang "
            "terbit (tanpa ini penarikan seperti itu dibatalkan)",
        )
        sub.add_argument(
            "--status",
            type=Path,
            help="tulis status setiap baris (diterbitkan, ditolak, alasannya) untuk sekretariat "
            "ke berkas .xlsx atau .csv ini",
        )

    p = verb("pull", _pull, "tarik jawaban formulir ke data/")
    source_arguments(p)
    p.add_argument("--report", type=Path, help="tulis laporan JSON ke berkas ini")

    c = verb("check", _check, "periksa data/ terhadap skema")
    c.add_argument("--data-dir", type=Path, default=DATA_DIR)
    c.add_argument("--config", type=Path, help="berkas konfigurasi (bawaan: config.yml)")

    q = verb("quality", _quality, "periksa mutu data/ untuk sekretariat")
    q.add_argument("--data-dir", type=Path, default=DATA_DIR)
    q.add_argument("--config", type=Path, help="berkas konfigurasi (bawaan: config.yml)")

    b = verb("build", _build, "bangun situs dari data/ ke site/")
    b.add_argument("--data-dir", type=Path, default=DATA_DIR)
    b.add_argument("--site-dir", type=Path, default=Path("site"))
    b.add_argument(
        "--build-dir",
        type=Path,
        help="folder halaman Markdown buatan (bawaan: folder sementara milik build ini)",
    )
    b.add_argument(
        "--engine",
        choices=["mkdocs", "properdocs"],
        default="mkdocs",
        help="mesin situs: mkdocs (bawaan) atau properdocs",
    )
    b.add_argument("--config", type=Path, help="berkas konfigurasi (bawaan: config.yml)")

    d = verb("push-data", _push_data, "dorong commit data malam ini, dengan percobaan ulang")
    d.add_argument("--branch", required=True, help="cabang tujuan, mis. main")

    n = verb("nightly", _nightly, "tarik, commit data/ bila berubah, bangun situs")
    source_arguments(n)
    n.add_argument("--site-dir", type=Path, default=Path("site"))
    n.add_argument("--commit", action="store_true", help="commit data/ sebagai github-actions[bot]")
    n.add_argument(
        "--summary",
        type=Path,
        # Set by GitHub Actions for each step: the run's page shows what is written there.
        default=os.environ.get("GITHUB_STEP_SUMMARY") or None,
        help="tambahkan ringkasan Markdown ke berkas ini (bawaan: $GITHUB_STEP_SUMMARY)",
    )
    n.add_argument(
        "--outputs",
        type=Path,
        default=os.environ.get("GITHUB_OUTPUT") or None,
        help="tulis committed=true|false ke berkas ini (bawaan: $GITHUB_OUTPUT)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    _module("model.progress").enable()  # bars on a terminal only: CI logs stay as they are
    args = build_parser().parse_args(argv)
    return args.handler(args)
