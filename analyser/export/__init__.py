"""Workshop exports: validated friction lists, one-page use-case cards, the value/feasibility matrix, the journey overview.

For the app's download buttons (and any caller), one function returns the file:

    from analyser.export import MIME_TYPES, render
    file = render(open_session, settings, "cards", "pdf", actor="Claire", filters={"candidates": ["UC0001"]})
    st.download_button(label, data=file.data, file_name=file.name, mime=file.mime)

In Streamlit (1.67 takes a callable as `data`, run only when the user clicks), so that an export is
made and recorded only when it is really downloaded:

    st.download_button(label, file_name=f"analyser-{what}.{fmt}", mime=MIME_TYPES[fmt],
                       data=lambda: render(open_session, settings, what, fmt, actor=reviewer, filters=filters).data)

`open_session` is the zero-argument callable the review service takes (a short-lived
`analyser.db.session`). `what` and the formats it comes in:

    frictions   csv xlsx md json       validated frictions (filters include: +"candidates" sheet/section, "reviewed" = every reviewed cluster)
    candidates  csv xlsx md json       use-case candidates with the eight-dimension grid
    cards       html pdf               one A4 page per candidate (filters candidates: only those ids)
    matrix      png svg                value against feasibility of every candidate
    journey     csv xlsx md json png svg   stages with volume, growth, validated frictions, blind spots

Every call is recorded in the `exports` table (who, when, what, filters, run, file hash) unless
`record=False` (e.g. a preview). `FORMATS_BY_WHAT` lists the choices for a UI.
"""

from analyser.export.documents import FORMATS_BY_WHAT, MIME_TYPES, formats_help
from analyser.export.model import ExportFile
from analyser.export.service import check_request, render

__all__ = ["FORMATS_BY_WHAT", "MIME_TYPES", "ExportFile", "check_request", "formats_help", "render"]
