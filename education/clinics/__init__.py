"""What clinics use: their own context on every page (`/c/<slug>/`, `?clinic=`), embeds framed only by their own
sites, ICD-10 deep links from their record systems and the "For clinics" guide."""
