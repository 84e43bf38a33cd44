"""Safe YAML reading that keeps the line and column of every value for error messages.

Only plain data is built: no tags that make Python objects, no aliases (so no alias bombs),
no duplicate keys, bounded size and depth.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Tuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .wording import _

MAX_BYTES = 1_000_000
MAX_DEPTH = 40

PathKey = Tuple[Any, ...]


class YamlProblem(Exception):
    """The file cannot be read as lesson YAML."""

    def __init__(self, message: str, hint: str = "", line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.line = line
        self.column = column


@dataclass
class Positions:
    """Where each value (and each mapping key) sits in the file, 1-based."""

    values: Dict[PathKey, Tuple[int, int]] = field(default_factory=dict)
    keys: Dict[PathKey, Tuple[int, int]] = field(default_factory=dict)

    def find(self, path: PathKey, prefer_key: bool = False) -> Tuple[int, int] | None:
        """The position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if prefer_key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and deep nesting while composing."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _alias_problem(self.peek_event())
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _depth_problem(self.peek_event().start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _alias_problem(event) -> YamlProblem:
    return YamlProblem(_("YAML aliases (*name) are not allowed in lesson files"),
                       _("write the text out in full instead of referring to an anchor"),
                       event.start_mark.line + 1, event.start_mark.column + 1)


def _depth_problem(mark) -> YamlProblem:
    return YamlProblem(_("nesting is deeper than {levels} levels", levels=MAX_DEPTH),
                       _("lesson files are only a few levels deep; check the indentation"),
                       mark.line + 1, mark.column + 1)


def _mark(node: Node) -> Tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _build(node: Node, loader: _Loader, path: PathKey, positions: Positions) -> Any:
    positions.values[path] = _mark(node)
    if not isinstance(node, ScalarNode) and node.tag not in PLAIN_TAGS:
        raise _tag_problem(node)
    if isinstance(node, MappingNode):
        result: Dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(_("a key must be a plain word"), "", *_mark(key_node))
            key = _scalar(key_node, loader)
            if isinstance(key, bool) or key is None:
                key = key_node.value  # `no:` or `on:` as a key means the word, not a boolean
            if key in result:
                first = positions.keys[path + (key,)]
                raise YamlProblem(
                    _("duplicate key '{key}' (first given on line {line})", key=key, line=first[0]),
                    _("keep one of them: YAML keys must be unique"),
                    *_mark(key_node),
                )
            positions.keys[path + (key,)] = _mark(key_node)
            result[key] = _build(value_node, loader, path + (key,), positions)
        return result
    if isinstance(node, SequenceNode):
        return [_build(item, loader, path + (i,), positions) for i, item in enumerate(node.value)]
    return _scalar(node, loader)


def _scalar(node: ScalarNode, loader: _Loader) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError:
        raise _tag_problem(node) from None


def _tag_problem(node: Node) -> YamlProblem:
    return YamlProblem(
        _("the tag '{tag}' is not allowed", tag=node.tag),
        _("lesson files hold plain text, numbers, dates, lists and mappings; remove the tag"),
        *_mark(node),
    )


def _position_of_byte(data: bytes, offset: int) -> Tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def parse(data: bytes) -> Tuple[Any, Positions]:
    """Parse one YAML document from bytes; raise YamlProblem with a position on any fault."""
    if len(data) > MAX_BYTES:
        raise _too_large(len(data))
    if b"\x00" in data:
        raise YamlProblem(
            _("the file contains binary data (NUL bytes)"),
            _("save it as plain UTF-8 text"),
            *_position_of_byte(data, data.index(b"\x00")),
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlProblem(
            _("the file is not valid UTF-8 text"),
            _("save it with UTF-8 encoding (most editors offer this under 'Save as')"),
            *_position_of_byte(data, exc.start),
        ) from None
    if _FastLoader is not None:
        try:
            return _compose(text, fast=True)
        except yaml.YAMLError:
            pass  # a syntax error: the pure-Python parser words it better, so let it explain
    return _compose(text, fast=False)


def _compose(text: str, fast: bool) -> Tuple[Any, Positions]:
    loader = _FastLoader(text) if fast else _Loader(text)
    positions = Positions()
    try:
        if fast:
            _refuse_aliases_and_depth(text)  # the C composer does neither check; do them on its events first
        root = loader.get_single_node()
        if root is None:
            raise YamlProblem(_("the file is empty"), _("start from the example in docs/lesson-format.md"))
        return _build(root, loader, (), positions), positions
    except yaml.MarkedYAMLError as exc:
        if fast:
            raise
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise YamlProblem(_("YAML syntax: {problem}", problem=exc.problem or exc.context), _syntax_hint(exc),
                          line, column) from None
    except yaml.YAMLError as exc:
        if fast:
            raise
        raise YamlProblem(_("YAML syntax: {problem}", problem=exc), _("check the indentation and quotes")) from None
    finally:
        loader.dispose()


# libyaml (PyYAML's C parser) reads a lesson about twenty times faster than the pure-Python one.
_FastLoader = getattr(yaml, "CSafeLoader", None)


def _refuse_aliases_and_depth(text: str) -> None:
    """What `_Loader.compose_node` refuses, checked on the C parser's events (cheap, no nodes built)."""
    depth = 0
    for event in yaml.parse(text, Loader=_FastLoader):
        if isinstance(event, yaml.AliasEvent):
            raise _alias_problem(event)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _depth_problem(event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _syntax_hint(exc: yaml.MarkedYAMLError) -> str:
    problem = f"{exc.problem} {exc.context}"
    if "mapping values are not allowed" in problem:
        return _("a colon inside text needs the whole text in quotes, e.g. \"Note: ...\"")
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return _("inside [ ] or { }, put text that has , ? : # or quotes in quotes, or write one '- ' line per item")
    if "found character '\\t'" in problem:
        return _("use spaces, not tabs, for indentation")
    if "expected <block end>" in problem or "did not find expected" in problem:
        return _("check that this line is indented like its neighbours")
    if "but found another document" in problem:
        return _("one lesson per file: remove the '---' line")
    return _("check the indentation and quotes on this line and the one before")


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a plain file, at most `limit` + 1 of them; OSError for anything else.

    The file is opened without blocking and checked before it is read, so a FIFO, a device or a
    folder under a lesson's name is refused instead of hanging or reading forever.
    """
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(_("it is a folder") if stat.S_ISDIR(info.st_mode) else
                           _("it is not a plain file (a pipe, device or socket)"))
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


class NotAFile(OSError):
    """A path that names something other than a plain file."""


class TooLarge(OSError):
    def __init__(self, size: int):
        super().__init__(f"{size:,} bytes")
        self.size = size


def read(path: Path) -> Tuple[Any, Positions]:
    """Read and parse a file; raise YamlProblem when it cannot be read."""
    try:
        data = read_regular_file(path, MAX_BYTES)
    except TooLarge as exc:
        raise _too_large(exc.size) from None
    except NotAFile as exc:
        raise YamlProblem(_("cannot read the file: {reason}", reason=exc), _("give the path of a .yaml text file")) from None
    except OSError as exc:
        raise YamlProblem(_("cannot read the file: {reason}", reason=exc.strerror or exc),
                          _("check the path and permissions")) from None
    return parse(data)


def _too_large(size: int) -> YamlProblem:
    return YamlProblem(_("the file is {size:,} bytes; the limit is {limit:,}", size=size, limit=MAX_BYTES),
                       _("split it into several lessons, or check this is the right file"))
