"""Charts and maps as images people can quote: PNG (2x) and SVG with the title, the filters in
words, the dataset version, the date and the source drawn into the picture; static maps drawn
offline.

Rendering uses kaleido, which drives a headless Chromium (Debian's ``/usr/bin/chromium``, or
``BROWSER_PATH``). Starting Chromium costs seconds, an image once it runs a fraction of one, so
several images share one browser inside ``image_server()`` (a deck opens it once for all its
pictures). The browser runs in a thread of its own, reached through asyncio: kaleido's own
"sync server" waits forever when Chromium fails to start, and it can hand two threads each
other's images, so Ponti does not use it.

Maps: the SVG map figures of ``ponti.charts.map_figures`` (the same builders the pages and the
embedded views draw), re-exported here for the pictures. Not plotly's geo maps: their base
layers are fetched from the internet (TECH-NOTES), and a geo map keeps the shape of its range
box, so a wide frame would show a narrow map. Nothing is fetched (tests/test_present.py and the
embed and publish browser tests watch). MathJax is switched off.
"""

from __future__ import annotations

import asyncio
import logging
import textwrap
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final, Literal

import plotly.graph_objects as go

from ponti.charts.common import FONT, INK, escape_text

# The map figures, drawn into pictures as the pages draw them (one builder each).
from ponti.charts.map_figures import MAP_IMAGE_SIZE as MAP_IMAGE_SIZE
from ponti.charts.map_figures import _northing as _northing
from ponti.charts.map_figures import arc_line as arc_line
from ponti.charts.map_figures import bridges_map_figure as bridges_map_figure
from ponti.charts.map_figures import fit_ranges as fit_ranges
from ponti.charts.map_figures import twinnings_map_figure as twinnings_map_figure
from ponti.charts.map_figures import view_ranges as view_ranges
from ponti.tables import Metadata, download_name

ImageFormat = Literal["png", "svg"]
PNG_MIME: Final = "image/png"
SVG_MIME: Final = "image/svg+xml"

# The layout size (CSS pixels) of an exported figure that does not set its own.
DEFAULT_SIZE: Final = (1000, 560)
RENDER_TIMEOUT: Final = 90.0  # seconds for one image (kaleido's own default)
# Pages drawing at once. Drawing a map is CPU work in Chromium's software WebGL (about 2 s of
# CPU for a map with any trace at all, 5 s for the Bridges map): a second tab did not make a
# ten-slide deck faster on the 2-core machine, so pictures are drawn one after the other
# while Python makes the slides.
TABS: Final = 1
CAPTION_CHARS: Final = 150  # a caption line's length before it wraps
CAPTION_LINE_PX: Final = 17
TITLE_PX: Final = 46


class RenderError(RuntimeError):
    """A figure could not be drawn as an image (no Chromium, or Chromium failed)."""


# -- the browser --------------------------------------------------------------------------------
class _Goodbye(logging.Filter):
    """Drops choreographer's report of Chromium's goodbye (``{bye}``) read together with
    another message as the browser closes: it logs it, with a traceback, as a JSON message it
    could not read and ignores; nothing went wrong."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        cause = getattr(error, "__cause__", None)
        return str(getattr(cause, "doc", "")).strip() != "{bye}"


_GOODBYE = _Goodbye()


def quiet_goodbye() -> None:
    """Hang the _Goodbye filter on choreographer's pipe logger, once choreographer has made it
    (its own logger class: a logger made before would lack the levels it logs with)."""
    import choreographer.channels.pipe  # noqa: F401  (makes the logger)

    logging.getLogger("choreographer.channels.pipe").addFilter(_GOODBYE)


class _Browser:
    """One kaleido Chromium in a thread of its own; ``submit`` may be called from any thread."""

    def __init__(self) -> None:
        import kaleido
        from choreographer.browsers.chromium import Chromium

        quiet_goodbye()

        if Chromium.find_browser(skip_local=False) is None:
            raise RenderError(
                "no Chromium found for images: install Debian's chromium "
                "(apt-get install chromium) or set BROWSER_PATH"
            )
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="ponti-images", daemon=True
        )
        self._thread.start()
        self._kaleido: Any = kaleido.Kaleido(n=TABS, timeout=RENDER_TIMEOUT, mathjax=False)
        try:
            self._run(self._kaleido.open(), RENDER_TIMEOUT)
        except BaseException:
            self._stop_loop()
            raise

    def _run(self, coroutine: Any, timeout: float) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def submit(self, spec: dict[str, Any], opts: dict[str, Any]) -> Future[Any]:
        """Start drawing a figure dictionary (plotly's ``to_dict``) with kaleido's options;
        the future holds the image's bytes."""
        return asyncio.run_coroutine_threadsafe(self._kaleido.calc_fig(spec, opts=opts), self._loop)

    def close(self) -> None:
        """Close Chromium and stop the thread."""
        try:
            self._run(self._kaleido.close(), 30)
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()


_STATE = threading.Lock()
_shared: _Browser | None = None
_users = 0


@contextmanager
def image_server() -> Iterator[None]:
    """Keep one Chromium running for every image drawn inside the block (nested and
    concurrent blocks share it; the last to leave closes it)."""
    global _shared, _users
    with _STATE:
        if _shared is None:
            _shared = _Browser()
        _users += 1
    try:
        yield
    finally:
        with _STATE:
            _users -= 1
            closing, _shared = (_shared, None) if _users == 0 else (None, _shared)
        if closing is not None:
            closing.close()


@dataclass(frozen=True)
class PendingImage:
    """An image being drawn: ``result()`` waits for its bytes, ``cancel()`` drops it."""

    future: Future[Any]

    def result(self) -> bytes:
        """The image's bytes, once drawn (RenderError if it could not be)."""
        try:
            return bytes(self.future.result(RENDER_TIMEOUT + 10))
        except Exception as error:  # kaleido and choreographer raise many kinds
            self.future.cancel()
            raise RenderError(f"could not draw the image: {error}") from error

    def cancel(self) -> None:
        """Stop drawing it (an image nobody will wait for)."""
        self.future.cancel()


def start_render(
    fig: go.Figure, *, fmt: ImageFormat, width: int, height: int, scale: float
) -> PendingImage:
    """Start drawing a figure in the running ``image_server()``: a deck starts every picture
    at once, Chromium draws them in turn while Python makes the slides in order."""
    browser = _shared
    if browser is None:
        raise RuntimeError("start_render needs a running image_server()")
    return PendingImage(browser.submit(fig.to_dict(), _options(fmt, width, height, scale)))


def _options(fmt: ImageFormat, width: int, height: int, scale: float) -> dict[str, Any]:
    return {"format": fmt, "width": width, "height": height, "scale": scale}


def render(fig: go.Figure, *, fmt: ImageFormat, width: int, height: int, scale: float) -> bytes:
    """A figure as PNG or SVG bytes, as it is (nothing added): in the running
    ``image_server()``, else in a Chromium started for this one image."""
    try:
        with image_server():
            return start_render(fig, fmt=fmt, width=width, height=height, scale=scale).result()
    except RenderError:
        raise
    except Exception as error:  # kaleido and choreographer raise many kinds
        raise RenderError(f"could not draw the image: {error}") from error


# -- what is drawn into an exported image -------------------------------------------------------
def caption_lines(metadata: Metadata, *, width: int = CAPTION_CHARS) -> list[str]:
    """The download's About rows (``tables.describe_download``: filters in words, version,
    its date, source, demo label, today, credits) as caption lines of about ``width``
    characters, "label: value" parts joined by " · "."""
    # A value that already starts with its label (the demo notice) is written alone.
    parts = [
        value if value.startswith(label) else f"{label}: {value}" for label, value in metadata.rows
    ]
    lines: list[str] = []
    current = ""
    for part in parts:
        joined = f"{current} · {part}" if current else part
        if current and len(joined) > width:
            lines.append(current)
            joined = part
        current = joined
    if current:
        lines.append(current)
    return [wrapped for line in lines for wrapped in textwrap.wrap(line, width) or [line]]


def _size(fig: go.Figure) -> tuple[int, int]:
    width = fig.layout.width or DEFAULT_SIZE[0]
    height = fig.layout.height or DEFAULT_SIZE[1]
    return int(width), int(height)


def captioned(fig: go.Figure, *, title: str, caption_lines: Sequence[str]) -> go.Figure:
    """A copy of fig with the title on top and the caption lines under it (the page's own
    figure is never changed); the figure grows by the height they take."""
    copy = go.Figure(fig)
    width, height = _size(copy)
    margin = copy.layout.margin
    caption = "<br>".join(escape_text(line) for line in caption_lines)
    extra = TITLE_PX + CAPTION_LINE_PX * len(caption_lines) + 10
    copy.update_layout(
        title={
            "text": f"<b>{escape_text(title)}</b>",
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 12, "l": 4},
            "font": {"family": FONT, "size": 20, "color": INK},
            "subtitle": {"text": caption, "font": {"family": FONT, "size": 11, "color": INK}},
        },
        margin={"t": (margin.t if margin.t is not None else 10) + extra},
        width=width,
        height=height + extra,
    )
    return copy


def figure_png(
    fig: go.Figure, *, title: str, caption_lines: Sequence[str], scale: float = 2
) -> bytes:
    """The figure as a PNG (``scale`` x its layout size) with title and caption drawn in."""
    image = captioned(fig, title=title, caption_lines=caption_lines)
    width, height = _size(image)
    return render(image, fmt="png", width=width, height=height, scale=scale)


def figure_svg(fig: go.Figure, *, title: str, caption_lines: Sequence[str]) -> bytes:
    """The figure as an SVG with title and caption drawn in as text (maps keep their base
    as an embedded picture: MapLibre draws on a canvas)."""
    image = captioned(fig, title=title, caption_lines=caption_lines)
    width, height = _size(image)
    return render(image, fmt="svg", width=width, height=height, scale=1)


def image_file_name(stem: str, fmt: ImageFormat, today: Any) -> str:
    """``ponti-bridges-map-2026-11-30.png``: what and when, like every download."""
    return download_name(stem, fmt, today)


def map_file_stem(kind: Literal["bridges", "twinnings"]) -> str:
    """The file name stem of a map image (``ponti-bridges-map``)."""
    return f"ponti-{kind}-map"
