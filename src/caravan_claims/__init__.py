"""caravan-claims: traceable tables of the figures news articles report about migrant caravans."""

from caravan_claims.errors import InputError

__all__ = ["InputError"]
__version__ = "0.1.0"
