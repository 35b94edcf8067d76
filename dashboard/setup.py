"""The page shown when there is no usable database: what is missing and how to build it."""

from __future__ import annotations

import streamlit as st

from dashboard import build, queries


def missing_database() -> None:
    """Explain the missing database, show the build command, and offer to run it."""
    db = queries.db_path()
    st.title("Resolution Explorer")
    st.warning(queries.database_problem() or "The database is not ready.")
    st.markdown(
        "The dashboard reads a DuckDB database that the ETL builds from the report files in "
        "`seeds/`. Build it from the repository root with:")
    st.code(build.shown_command(db), language="bash")
    st.caption("Set the RESOLUTIONS_DB environment variable to read a database elsewhere.")
    if not build.etl_available():
        st.info("The ETL package (etl/pipeline.py) is not in this checkout yet.")
        return
    if st.button("Build the database now", type="primary", key="setup_build"):
        with st.spinner("Building the database from seeds/ …"):
            result = build.run_build(db)
        if result.returncode == 0 and queries.database_problem() is None:
            st.success("Database built.")
            st.button("Open the dashboard", key="setup_open")
        else:
            st.warning(f"The build stopped with exit code {result.returncode}. Its last output:")
            st.text((result.stderr or result.stdout or "")[-2000:])
