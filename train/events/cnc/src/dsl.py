"""Tiny helpers used by src/cnc-NN.py to write the gold annotations compactly."""


def P(text, code, sector=None):
    return {"text": text, "code": code, "sector": sector}


def E(type, trigger, actor=None, rec=None, st="asserted", src=None, date=None, place=None,
      mag=None, alt=(), note="", den=()):
    return {"type": type, "alt": list(alt), "trigger": trigger, "actor": actor,
            "recipient": rec, "status": st,
            "source": None if src is None else {"text": src[0], "code": src[1]},
            "denied_by": list(den), "date": date, "place": place, "magnitude": mag,
            "note": note}
