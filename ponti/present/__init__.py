"""Presentation material from the current view, no Streamlit: the items a deck can hold
(``items``), the PowerPoint deck (``deck``) and charts and maps as PNG/SVG images
(``images``)."""
