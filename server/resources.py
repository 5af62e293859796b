"""Blueprint for resources (placeholder until its helper fills it in)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("resources", __name__)
