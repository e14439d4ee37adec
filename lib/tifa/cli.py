"""The ``tifa`` command: thin wrappers that read a corpus, call the library, print a table.

Examples::

    tifa ingest seeds/ --report
    tifa profile data/corpora/national-gwr --format csv --out profile.csv
    tifa slogans seeds/ --format json
    tifa kwic 高质量发展 data/corpora/provincial-gwr-2025
    tifa figures

Exit status: 0 when every input was read, 1 when some file failed (each is
named on standard error with the reason), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from tifa.corpus import Corpus, read_corpus
from tifa.errors import TifaError
from tifa.io import format_table, write_table

FORMATS = ("table", "csv", "json", "latex")
REPORT_COLUMNS = [
    "doc_id", "format", "encoding", "encoding_confidence", "script", "chars_raw", "chars_clean",
    "counted_chars", "boilerplate_chars_removed", "markup_chars_removed", "spacing_repairs",
    "mojibake_runs", "mojibake_repaired", "mojibake_lost", "redactions", "sections", "warnings",
]


def _read(args: argparse.Namespace) -> Corpus:
    corpus = read_corpus(*args.paths, progress=sys.stderr.isatty())
    for failure in corpus.failures:
        print(f"tifa: {failure['path']}: {failure['reason']}", file=sys.stderr)
    return corpus


def _emit(table: pd.DataFrame, args: argparse.Namespace) -> None:
    fmt = args.format or ("table" if sys.stdout.isatty() else "csv")
    if args.out:
        write_table(table, Path(args.out), fmt=None if args.format is None else fmt)
        print(f"tifa: wrote {len(table)} rows to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(format_table(table, fmt))


def profile_table(corpus: Corpus) -> pd.DataFrame:
    """One row per document: docvars, characters and whatever measures are available."""
    table = corpus.docvars.reset_index()
    keep = [c for c in ["doc_id", "title", "year", "region", "province", "level", "genre", "script", "characters"] if c in table]
    table = table[keep]
    for name, function in _profile_measures():
        try:
            measure = function(corpus)
        except TifaError as error:  # pragma: no cover - defensive
            logging.getLogger(__name__).warning("%s not computed: %s", name, error)
            continue
        new_columns = [c for c in measure.columns if c == "doc_id" or c not in table.columns]
        table = table.merge(measure[new_columns], on="doc_id", how="left")
    return table


def _profile_measures() -> list[tuple[str, Callable[[Corpus], pd.DataFrame]]]:
    measures = []
    try:
        from tifa.slogans import count_slogans

        measures.append(("slogans", count_slogans))
    except ImportError:
        pass
    try:
        from tifa.targets import count_targets

        measures.append(("targets", count_targets))
    except ImportError:
        pass
    try:
        from tifa.formulas import rate_formulaicity

        measures.append(("formulas", rate_formulaicity))
    except ImportError:
        pass
    return measures


def _cmd_ingest(args: argparse.Namespace) -> int:
    corpus = _read(args)
    if args.report:
        report = corpus.quality_report()
        _emit(report[[c for c in REPORT_COLUMNS if c in report]], args)
    else:
        _emit(corpus.docvars.reset_index(), args)
    if args.text_dir:
        from tifa.io import write_bytes_atomic

        for document in corpus:
            write_bytes_atomic(document.text.encode("utf-8"), Path(args.text_dir) / f"{document.doc_id}.txt")
    return 1 if corpus.failures else 0


def _cmd_profile(args: argparse.Namespace) -> int:
    corpus = _read(args)
    _emit(profile_table(corpus), args)
    return 1 if corpus.failures else 0


def _annotator_command(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        import importlib

        corpus = _read(args)
        table = getattr(importlib.import_module(f"tifa.{module}"), function)(corpus)
        _emit(table, args)
        return 1 if corpus.failures else 0

    return run


def _cmd_kwic(args: argparse.Namespace) -> int:
    from tifa.kwic import kwic

    corpus = _read(args)
    _emit(kwic(corpus, args.term, window=args.window, regex=args.regex), args)
    return 1 if corpus.failures else 0


def _cmd_figures(args: argparse.Namespace) -> int:
    from tifa.figures import build_figures

    build_figures(Path(args.out_dir), progress=sys.stderr.isatty())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(prog="tifa", description="Slogans, numeric targets and formulaic phrasing in Chinese political texts.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log warnings and progress details")
    commands = parser.add_subparsers(dest="command", required=True)

    def with_io(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument("paths", nargs="+", help="files, folders or JSON Lines files")
        sub.add_argument("--format", choices=FORMATS, help="output format (default: table on a terminal, csv otherwise)")
        sub.add_argument("--out", help="write to this file (format from its suffix unless --format is given)")
        return sub

    ingest = with_io(commands.add_parser("ingest", help="read documents; --report prints the quality report"))
    ingest.add_argument("--report", action="store_true", help="one row per document: cleaning and quality figures")
    ingest.add_argument("--text-dir", help="also write each normalized text to this folder as DOC_ID.txt")
    ingest.set_defaults(run=_cmd_ingest)
    with_io(commands.add_parser("profile", help="one row per document: metadata and measures")).set_defaults(run=_cmd_profile)
    for name, module, function, text in (
        ("slogans", "slogans", "find_slogans", "quoted formulations, numbered formulas, lexicon terms"),
        ("targets", "targets", "find_targets", "numeric expressions classified as targets, achievements, other"),
        ("formulas", "formulas", "find_formulas", "announced structures, enumerations, parallelism, set patterns"),
        ("reuse", "reuse", "find_reuse", "passages shared between documents"),
    ):
        with_io(commands.add_parser(name, help=text)).set_defaults(run=_annotator_command(module, function))
    kwic = commands.add_parser("kwic", help="keyword in context")
    kwic.add_argument("term", help="the term (or a regular expression with --regex)")
    with_io(kwic)
    kwic.add_argument("--window", type=int, default=20, help="characters of context on each side")
    kwic.add_argument("--regex", action="store_true", help="treat TERM as a regular expression")
    kwic.set_defaults(run=_cmd_kwic)
    figures = commands.add_parser("figures", help="the main job: every figure and table from the shipped corpora")
    figures.add_argument("--out-dir", default=str(Path("figures")), help="output folder (default: figures/)")
    figures.set_defaults(run=_cmd_figures)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``tifa`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, format="tifa: %(message)s")
    try:
        return args.run(args)
    except TifaError as error:
        print(f"tifa: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
