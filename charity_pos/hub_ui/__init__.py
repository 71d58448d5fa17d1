"""The district hub's app (``charity-pos hub gui``): district staff log in,
import stores' bundles, see the stores and the registry, and write the
downstream bundles. Qt, like ``charity_pos.ui``, whose widgets it reuses."""
