"""Edit routes (wired after merge)."""

from fastapi import APIRouter

router = APIRouter()
