"""Blueprint for questions (placeholder until its helper fills it in)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("questions", __name__)
