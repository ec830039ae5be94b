import mctools as mc

from .entry import Entry

CLASH = [[1.0, 2.0, 3.0]]  # the valid arrays below have length 2
SHARES, SKILLS, BARS = [0.2, 0.6], [1.0, 4.0], [0.5, 1.0]
AWARDS = {"proposal_share": SHARES, "skill_a": [1.0, 3.0], "skill_b": 2.0, "bar_a": 0.5, "bar_b": [0.5, 0.2]}
RETRAINING = {"training_share": [0.3, 0.8], "proposal_share": SHARES, "scale": 2.0, "bar": 0.5, "exponent": 1.5}
QUOTA = {"proposal_share": SHARES, "skill_a": [1.0, 3.0], "skill_b": 2.0, "bar": 0.5, "minimum": 0.3}
OFFICE = {"proposal_shares": [0.5, 0.4, 0.3, 0.2], "scale": 3.0, "bar": 0.5, "initial": 0.5, "quota": 0.2}
ROUND = {"proposal_share": [0.3, 0.7], "skill": SKILLS, "bar": [0.5, 0.2], "proposals": 30, "replicates": 3, "rng": 0}
AREAS = {"proposal_share": [[1.0]]}  # one area, against the two skills and bars
SIGNAL = {"skill": SKILLS, "bar": BARS}

ENTRIES = [
    Entry(mc.log_fund_probability, SIGNAL, dict.fromkeys(SIGNAL, CLASH)),
    Entry(mc.fund_probability, SIGNAL, dict.fromkeys(SIGNAL, CLASH)),
    Entry(mc.funded_quality, SIGNAL, dict.fromkeys(SIGNAL, CLASH)),
    Entry(mc.net_value, SIGNAL | {"cost": [0.5, 0.7]}, dict.fromkeys(["cost", *SIGNAL], CLASH)),
    Entry(mc.award_share, AWARDS, dict.fromkeys(AWARDS, CLASH)),
    Entry(mc.retraining_map, RETRAINING, dict.fromkeys(["training_share", "proposal_share"], CLASH)),
    Entry(mc.quota_bars, QUOTA, dict.fromkeys(["proposal_share", "skill_a", "skill_b"], CLASH)),
    Entry(mc.office_path, OFFICE, {"initial": [0.0, 1.0]}),  # a quota and no specialist: one area has zero skill
    Entry(mc.simulate_round, ROUND, AREAS),
]
