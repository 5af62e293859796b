"""Blueprint for exports (placeholder until its helper fills it in)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("exports", __name__)
