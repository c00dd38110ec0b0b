"""Mochimono's web application: rules, engine, question flow, pages and API."""
