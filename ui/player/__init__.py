"""The training player, shared by pages that train a network: `payload` builds what the
browser needs from per-frame arrays (pure, no streamlit), `widgets` is the Streamlit
custom component (v2) that plays it with the JS/CSS/HTML in this folder."""
