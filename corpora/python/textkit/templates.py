"""A tiny template language: ``{{ name }}``, ``{{ name|filter }}`` and ``{% for x in xs %}``."""

import html
import re

_TOKEN = re.compile(r"({{.*?}}|{%.*?%})", re.S)


class TemplateError(Exception):
    """A template that cannot be compiled or rendered.

    :param message: What is wrong.
    :param line: The line of the template.
    """

    def __init__(self, message, line):
        super().__init__(f"line {line}: {message}")
        self.line = line


FILTERS = {"upper": str.upper, "lower": str.lower, "title": str.title, "escape": html.escape, "strip": str.strip}


class Template:
    """A compiled template."""

    def __init__(self, source, autoescape=True):
        self.source = source
        self.autoescape = autoescape
        self.nodes = self._parse(source)

    def _parse(self, source):
        nodes = []
        stack = [nodes]
        line = 1
        for piece in _TOKEN.split(source):
            if piece.startswith("{{"):
                expression = piece[2:-2].strip()
                if not expression:
                    raise TemplateError("empty expression", line)
                stack[-1].append(("var", expression, line))
            elif piece.startswith("{%"):
                tag = piece[2:-2].strip().split()
                if tag[:1] == ["for"] and len(tag) == 4 and tag[2] == "in":
                    body = []
                    stack[-1].append(("for", tag[1], tag[3], body, line))
                    stack.append(body)
                elif tag == ["endfor"]:
                    if len(stack) == 1:
                        raise TemplateError("endfor without for", line)
                    stack.pop()
                else:
                    raise TemplateError(f"unknown tag {' '.join(tag)!r}", line)
            elif piece:
                stack[-1].append(("text", piece, line))
            line += piece.count("\n")
        if len(stack) != 1:
            raise TemplateError("for without endfor", line)
        return nodes

    def render(self, context):
        """Render the template.

        :param context: The values names refer to.
        :type context: dict
        :returns: The rendered text.
        :rtype: str
        :raises TemplateError: If a name is missing or a filter unknown.
        """
        out = []
        self._render(self.nodes, dict(context), out)
        return "".join(out)

    def _render(self, nodes, context, out):
        for node in nodes:
            if node[0] == "text":
                out.append(node[1])
            elif node[0] == "var":
                out.append(self._evaluate(node[1], context, node[2]))
            else:
                _, name, source, body, line = node
                if source not in context:
                    raise TemplateError(f"undefined {source!r}", line)
                for item in context[source]:
                    inner = dict(context)
                    inner[name] = item
                    self._render(body, inner, out)

    def _evaluate(self, expression, context, line):
        name, *filters = [part.strip() for part in expression.split("|")]
        value = context
        for part in name.split("."):
            if isinstance(value, dict) and part in value:
                value = value[part]
            elif hasattr(value, part):
                value = getattr(value, part)
            else:
                raise TemplateError(f"undefined {name!r}", line)
        text = str(value)
        for filter_name in filters:
            if filter_name not in FILTERS:
                raise TemplateError(f"unknown filter {filter_name!r}", line)
            text = FILTERS[filter_name](text)
        if self.autoescape and "escape" not in filters:
            text = html.escape(text)
        return text

    def names(self):
        """List names.

        :returns: Something.
        """
        found = set()
        stack = list(self.nodes)
        while stack:
            node = stack.pop()
            if node[0] == "var":
                found.add(node[1].split("|")[0].strip().split(".")[0])
            elif node[0] == "for":
                found.add(node[2])
                stack.extend(node[3])
        return sorted(found)


def render_string(source, **context):
    """Compile and render a template in one call.

    :param source: The template text.
    :type source: str
    :returns: The rendered text.
    :rtype: str
    """
    return Template(source).render(context)


def register_filter(name, function):
    if not name.isidentifier():
        raise ValueError(f"bad filter name {name!r}")
    FILTERS[name] = function
