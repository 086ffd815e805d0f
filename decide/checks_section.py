"""Buy the Laptop, how good is the model: scores, the right and wrong answers, the network,
and one-click remedies when training got stuck."""

import numpy as np
import pandas as pd
import streamlit as st

from decide.common import laptop_session
from decide.figures import (
    confusion_alt,
    confusion_counts,
    confusion_matrix_figure,
    network_diagram_alt,
    network_figure,
)
from decide.session import WidgetKeys
from decide.training_section import use_settings_and_train
from laptop.recipe import Settings, accuracy, majority_share, predict_buy, remedies
from ui.colors import LABEL_NAMES
from ui.theme import show_chart


def evaluation_section() -> None:
    session = laptop_session()
    model = session.model
    run = session.run
    x, y = session.trained_on
    st.header("How good is the model?", divider="gray")
    p_buy = predict_buy(model, x)
    said = (p_buy >= 0.5).astype(int)
    if run is not None:
        train_rows, val_rows = run.train_rows, run.validation_rows
    else:
        train_rows, val_rows = np.arange(len(y)), np.arange(0)
    train_acc = accuracy(model, x[train_rows], y[train_rows])
    val_acc = accuracy(model, x[val_rows], y[val_rows])
    baseline = majority_share(y[train_rows])
    c1, c2, c3 = st.columns(3)
    c1.metric("Right on training rows", f"{train_acc:.0%}", help=f"{len(train_rows)} rows")
    c2.metric("Right on validation rows", "none held out" if val_acc is None
              else f"{val_acc:.0%}", help=f"{len(val_rows)} rows")
    c3.metric("Always giving the commoner answer", f"{baseline:.0%}",
              help="The score of a model that learned nothing")
    if train_acc <= baseline + 1e-9:
        _stuck_help(session.settings, train_acc, baseline)
    left, right = st.columns(2, gap="large")
    with left:
        show_chart(st, confusion_matrix_figure(y, said, title="Right and wrong answers "
                                                              "(all rows)"),
                   key=WidgetKeys.confusion, alt=confusion_alt(y, said))
        with st.expander("See the four counts as a table"):
            counts = confusion_counts(y, said)
            st.table(pd.DataFrame(
                counts, index=[f"the table says {LABEL_NAMES[t]}" for t in (0, 1)],
                columns=[f"the model says {LABEL_NAMES[p]}" for p in (0, 1)]))
    with right:
        model_layers = getattr(model, "layers", [])
        weights = model.get_weights()
        activations = [layer.activation.name for layer in model_layers]
        show_chart(st, network_figure(weights[0::2], weights[1::2], activations),
                   key=WidgetKeys.network, alt=network_diagram_alt(weights[0::2], activations))
    role = np.array(["training"] * len(y), dtype=object)
    role[val_rows] = "validation"
    st.dataframe(pd.DataFrame({
        "pink": x[:, 0], "small": x[:, 1], "table says": [LABEL_NAMES[int(v)] for v in y],
        "P(buy)": p_buy, "model says": [LABEL_NAMES[int(v)] for v in said],
        "right?": np.where(said == y, "yes", "NO"), "used for": role,
    }, index=pd.RangeIndex(1, len(y) + 1, name="row")), width="stretch",
        column_config={"P(buy)": st.column_config.ProgressColumn(
            "P(buy)", min_value=0.0, max_value=1.0, format="%.2f")})


def _stuck_help(settings: Settings, train_acc: float, baseline: float) -> None:
    st.warning(f"Training got stuck: the model is right on {train_acc:.0%} of the training "
               f"rows, no better than always giving the commoner answer ({baseline:.0%}). "
               "This happens to this small network with some starting weights (some hidden "
               "neurons output 0 for every laptop and stop learning). Try one of these:",
               icon=":material/warning:")
    cols = st.columns(3)
    for col, (label, fixed) in zip(cols, remedies(settings).items(), strict=False):
        col.button(label, on_click=use_settings_and_train, args=(fixed,),
                   key=WidgetKeys.remedy(label))
