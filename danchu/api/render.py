"""JSON written as UTF-8 text, so Vietnamese reads as Vietnamese in curl and logs."""

from ninja.renderers import JSONRenderer


class Utf8JSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}
