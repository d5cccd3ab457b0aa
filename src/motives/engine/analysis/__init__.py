"""The analyses over classifications: why-not, explanations, what-if, counterfactuals and sensitivity,
comparison, evaluation against labels, and batch rows."""
