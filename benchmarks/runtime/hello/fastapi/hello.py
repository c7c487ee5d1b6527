"""The FastAPI ceiling: one JSON route, served by uvicorn like the generated service."""

from fastapi import FastAPI

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@app.get("/hello")
def hello() -> dict[str, str]:
    return {"message": "hello"}
