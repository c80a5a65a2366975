# The dashboard in a container: `docker build -t tip-stats .` then `docker run -p 8501:8501 tip-stats`,
# or several replicas behind nginx with `docker compose up --build` (compose.yaml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH=/app/.venv/bin:$PATH

RUN useradd --create-home --uid 10001 app && pip install --no-cache-dir uv
WORKDIR /app

# Dependencies first, exactly as locked (no dev tools): this layer is reused until uv.lock changes.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

# Then the project, and the database built from the curated CSVs at image build, so no replica builds at start.
COPY . .
RUN uv sync --frozen --no-dev --no-editable \
    && tip-stats build \
    && chown -R app:app /app/data

USER app
EXPOSE 8501
# The slim image has no curl: ask Streamlit's health endpoint with Python's own urllib.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501"]
