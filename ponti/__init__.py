"""Ponti: pure, Streamlit-free core (schema, reference data, store, transforms, charts)."""
