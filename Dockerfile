# runlift's web app and REST API. Build: docker build -t runlift .   Run with compose.yaml.
FROM python:3.11-slim

# WeasyPrint (printable plans as PDF) needs Pango; everything else comes as wheels.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# The pinned, hashed dependencies first, so code changes do not reinstall them.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-deps .

RUN useradd --create-home --uid 10001 runlift
USER runlift

EXPOSE 8000
# Workers: override with e.g. `command: ["runlift", "serve", "--host", "0.0.0.0", "--workers", "4"]`.
CMD ["runlift", "serve", "--host", "0.0.0.0", "--port", "8000"]
