"""The ``actorgraph`` command: a thin click layer over :mod:`actorgraph.api`.

Known errors print one ``[E0xx] ...`` line on stderr and exit with the code the error catalogue
gives (errors.py); an unexpected error prints one line too, and its traceback with ``--debug``.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_INTERNAL, ActorgraphError

FORMAT_HELP = (
    "Outputs to write, comma-separated: jsonl (relations.jsonl and actors.jsonl), graphml, "
    "json. documents.jsonl, the record of every input, is always written."
)


class _Group(click.Group):
    """Turns errors into one line and an exit code instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ActorgraphError as exc:
            click.echo(f"actorgraph: {exc}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo(
                "actorgraph: interrupted; no output file was left half-written "
                "(run the same command with --resume to continue)",
                err=True,
            )
            sys.exit(130)
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(
                f"actorgraph: unexpected error: {type(exc).__name__}: {exc} "
                "(run with --debug for the traceback, and please report it)",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="actorgraph")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn news articles about diplomacy and conflict into a graph of who does what to whom."""
    ctx.obj = {"debug": debug}
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="actorgraph: %(levelname)s: %(message)s",
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write relations.jsonl, actors.jsonl, documents.jsonl, "
    "graph.graphml and graph.json into (created if missing).",
)
@click.option(
    "--config",
    type=click.Path(path_type=Path),
    default=None,
    help="spaCy config describing the pipeline (default: the packaged configs/default.cfg).",
)
@click.option(
    "--model",
    type=click.Path(path_type=Path),
    default=None,
    help="A pipeline folder written by 'actorgraph build-model' (overrides --config).",
)
@click.option(
    "--format", "formats", default="jsonl,graphml,json", show_default=True, help=FORMAT_HELP
)
@click.option(
    "--include-negated",
    is_flag=True,
    help="Also put negated relations ('did not accuse') in the graph, as 'not-' edges.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 10_000),
    default=16,
    show_default=True,
    help="Documents per spaCy batch.",
)
@click.option(
    "--encoding",
    default=None,
    help="Encoding of files that are neither UTF-8 nor marked by a byte order mark, e.g. "
    "cp1252, cp1250, latin-1 (default: an HTML page's declared charset, else detected).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 512),
    default=None,
    help="Worker processes: with the local executor, run the pipeline in N processes "
    "(default 1: in this process); with --executor dask and no --scheduler, the size of the "
    "local cluster (default: one per core). Outputs are the same for any N.",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"], case_sensitive=False),
    default="local",
    show_default=True,
    help="Where the pipeline runs: local processes, or a Dask cluster "
    '(needs pip install "actorgraph[dask]").',
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler address (tcp://host:8786) for --executor dask; without it a local "
    "cluster is started.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Continue an interrupted run into the same --out: documents it already processed "
    "(same doc id and text) are taken from its journal, not processed again.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line.")
def extract(
    paths,
    out_dir,
    config,
    model,
    formats,
    include_negated,
    batch_size,
    workers,
    executor,
    scheduler,
    resume,
    encoding,
    quiet,
) -> None:
    """Extract actors and relations from PATHS (files or folders of .txt, .md, .html, .json,
    .jsonl articles, read recursively) and write the graph to --out.

    Exit code 0 when the run completed (see documents.jsonl for any failed document), 2 for a
    usage error, 3 when no document could be read, 4 when the English base pipeline is missing,
    5 when the executor failed (Dask scheduler unreachable, a worker died: rerun with --resume).
    """
    from .api import extract_to_dir

    if scheduler and executor.lower() != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    bar = _Progress(enabled=not quiet)
    try:
        summary = extract_to_dir(
            paths,
            out_dir,
            config=config,
            model=model,
            formats=formats.split(","),
            include_negated=include_negated,
            batch_size=batch_size,
            encoding=encoding,
            workers=workers,
            executor=executor.lower(),
            scheduler=scheduler,
            resume=resume,
            on_start=bar.start,
            on_progress=bar.update,
        )
    finally:
        bar.close()
    if not quiet:
        click.echo(summary.line(), err=True)


@main.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("articles", type=click.Path(path_type=Path))
@click.option(
    "--lenient",
    is_flag=True,
    help="Count a person's relation for the state or group they lead, and a state "
    "organ (PAK_MIL) for its state.",
)
@click.option(
    "--types",
    default="",
    help="Only these relation types, comma-separated (e.g. accuses,mediates,negotiates-with).",
)
@click.option(
    "--show-errors",
    is_flag=True,
    help="List each missed and each false relation with its evidence sentence.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Keep the extraction output in this folder.",
)
@click.option(
    "--config",
    type=click.Path(path_type=Path),
    default=None,
    help="spaCy config describing the pipeline (default: the packaged one).",
)
@click.option(
    "--model",
    type=click.Path(path_type=Path),
    default=None,
    help="A pipeline folder written by 'actorgraph build-model'.",
)
def evaluate(gold_dir, articles, lenient, types, show_errors, as_json, out_dir, config, model):
    """Run actorgraph on ARTICLES and score it against the gold files in GOLD_DIR.

    Prints precision, recall and F1 per relation type, for the core three together
    (accuses, mediates, negotiates-with) and for all, and for actors; the figures agree with
    the reference scorer (../shared/eval/score.py) on the same output.
    """
    from .api import evaluate as run_evaluation

    wanted = [t for t in types.split(",") if t.strip()] or None
    report = run_evaluation(
        gold_dir,
        articles,
        out_dir=out_dir,
        config=config,
        model=model,
        types=wanted,
        lenient=lenient,
    )
    if as_json:
        click.echo(report.model_dump_json(indent=2))
        return
    click.echo(report.table())
    if show_errors:
        click.echo(f"\nmissed ({len(report.misses)}):")
        for item in report.misses:
            click.echo("  " + item.line())
        click.echo(f"\nfalse ({len(report.extras)}):")
        for item in report.extras:
            click.echo("  " + item.line())


@main.command("build-model")
@click.argument("config", type=click.Path(path_type=Path))
@click.argument("output", type=click.Path(path_type=Path))
def build_model(config: Path, output: Path) -> None:
    """Build the pipeline CONFIG describes and save it to the folder OUTPUT.

    The folder loads with spacy.load(OUTPUT) in any environment where actorgraph is installed,
    and with 'actorgraph extract --model OUTPUT'.
    """
    from .model import build_pipeline, save_pipeline

    nlp = build_pipeline(config)
    save_pipeline(nlp, output)
    if not (output / "config.cfg").is_file():
        raise click.ClickException(f"could not write the pipeline to {output}")
    click.echo(f"pipeline with {len(nlp.pipe_names)} components written to {output}", err=True)


@main.command()
@click.argument(
    "record",
    required=False,
    type=click.Choice(["relations", "actors", "documents"], case_sensitive=False),
)
def schema(record: str | None) -> None:
    """Print the JSON Schema of the output records (all three, or RECORD's)."""
    from .schemas import OUTPUT_RECORDS

    schemas = {
        name.split(".")[0]: model.model_json_schema() for name, model in OUTPUT_RECORDS.items()
    }
    out = schemas[record.lower()] if record else schemas
    click.echo(json.dumps(out, indent=2, ensure_ascii=False))


@main.group()
def actors() -> None:
    """Curate the actor registry: look names up, check the data files."""


@actors.command("lookup")
@click.argument("name")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The article's date (YYYY-MM-DD): date-bounded aliases and offices are judged on it.",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A data folder with actors/*.yaml (default: the packaged one).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the candidates as JSON.")
def actors_lookup(name: str, day, data_dir: Path | None, as_json: bool) -> None:
    """Show the actors NAME may refer to, with a score and the reason for each."""
    from dataclasses import asdict

    from .curation import lookup
    from .gazetteer import Gazetteer
    from .resources import data_dir as packaged_data

    gazetteer = Gazetteer.from_dir((data_dir or packaged_data()) / "actors")
    candidates = lookup(gazetteer, name, day.date() if day else None)
    if as_json:
        click.echo(json.dumps([asdict(c) for c in candidates], indent=2, ensure_ascii=False))
        return
    if not candidates:
        click.echo(f"no registry actor is named {name!r}")
        raise SystemExit(1)
    for c in candidates:
        click.echo(f"{c.score:5.2f}  {c.actor_id:<24} {c.type:<15} {c.name}  ({c.reason})")


@actors.command("validate")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The data folder to check (default: the packaged one).",
)
@click.option("--strict", is_flag=True, help="Fail on warnings (shared names) too.")
def actors_validate(data_dir: Path | None, strict: bool) -> None:
    """Check every data file: schema, duplicate ids, unknown references, alias clashes.

    Prints one 'file [location] severity: message' line a finding; exits 2 when there are
    errors (or warnings, with --strict), else 0.
    """
    from .curation import validate
    from .errors import EXIT_USAGE
    from .resources import data_dir as packaged_data

    findings = validate(data_dir or packaged_data())
    for finding in findings:
        click.echo(str(finding))
    errors = [f for f in findings if f.severity == "error" or strict]
    warnings = len(findings) - len([f for f in findings if f.severity == "error"])
    click.echo(
        f"{len([f for f in findings if f.severity == 'error'])} errors, {warnings} warnings",
        err=True,
    )
    if errors:
        raise SystemExit(EXIT_USAGE)


class _Progress:
    """A progress bar over input files on stderr, shown only when stderr is a terminal."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self._bar = None
        self._done = 0

    def start(self, total: int) -> None:
        if self.enabled and total > 1 and sys.stderr.isatty():
            self._bar = click.progressbar(
                length=total, label="extracting", file=sys.stderr, show_pos=True, show_eta=True
            )
            self._bar.__enter__()

    def update(self, done: int) -> None:
        if self._bar is not None:
            self._bar.update(done - self._done)
            self._done = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


if __name__ == "__main__":  # pragma: no cover
    main()
