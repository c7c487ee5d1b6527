"""Every route, in the contract's registration order."""

from fastapi import APIRouter

from app.api.routes import auth, blogs, posts, system, tags

api_router = APIRouter()
api_router.include_router(system.router)
api_router.include_router(auth.router)
api_router.include_router(blogs.router)
api_router.include_router(posts.router)
api_router.include_router(tags.router)
