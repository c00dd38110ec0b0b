"""Blueprints by area: pages (start and information), guide (the question flow), api."""
