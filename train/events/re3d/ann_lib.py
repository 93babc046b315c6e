"""Small helpers for writing the gold annotations compactly (used by annotations_*.py)."""

def P(text, code, sector=None):
    return {"text": text, "code": code, "sector": sector}

def S(text, code):
    return {"text": text, "code": code}

def ev(type, trigger, actor, recipient=None, status="asserted", source=None, date=None,
       place=None, mag=None, alt=None, note="", denied_by=None):
    return {"type": type, "alt": list(alt or []), "trigger": trigger, "actor": actor,
            "recipient": recipient, "status": status, "source": source,
            "denied_by": list(denied_by or []), "date": date, "place": place,
            "magnitude": mag, "note": note}

# frequent parties
ISIL = lambda text=None: P(text, "IMG", "REB")
IMPLIED_ISIL = P(None, "IMG", "REB")
