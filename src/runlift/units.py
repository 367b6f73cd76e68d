"""Unit conversions, in one place: runlift stores SI and converts only at the edges."""

from __future__ import annotations

M_PER_MI = 1609.344  # international mile
KG_PER_LB = 0.45359237  # international avoirdupois pound
LB_PER_KG = 1 / KG_PER_LB
