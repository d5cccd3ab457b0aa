"""The inference layer: the rule base compiled onto experta (the only module importing it is
``experta_compat``), certainty combination, classification and its trace, the three-valued reading."""
