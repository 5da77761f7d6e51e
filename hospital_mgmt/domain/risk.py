"""The thresholds of the "High-risk patients" report, in one place, with where each comes from.

Anaemia: haemoglobin below the WHO threshold for the patient's age, sex and pregnancy (WHO,
"Haemoglobin concentrations for the diagnosis of anaemia and assessment of severity", 2011; the
2024 guideline keeps these cut-offs at sea level):
    children 6 months to 4 years      below 11.0 g/dL
    children 5 to 11 years            below 11.5 g/dL
    children 12 to 14 years           below 12.0 g/dL
    women 15 and over, not pregnant   below 12.0 g/dL
    women, pregnant                   below 11.0 g/dL
    men 15 and over                   below 13.0 g/dL
(a patient recorded with sex O is held to the women's threshold, the lower of the adults'.)

Very high blood pressure: systolic 180 or more, or diastolic 120 or more (the ACC/AHA 2017
"hypertensive crisis"); in pregnancy 160 or more, or 110 or more (ACOG's severe hypertension).
"""
from __future__ import annotations

from decimal import Decimal

from .visit import Vitals

ANAEMIA_CHILD_UNDER_5 = Decimal("11.0")
ANAEMIA_CHILD_5_TO_11 = Decimal("11.5")
ANAEMIA_CHILD_12_TO_14 = Decimal("12.0")
ANAEMIA_WOMAN = Decimal("12.0")
ANAEMIA_PREGNANT = Decimal("11.0")
ANAEMIA_MAN = Decimal("13.0")
VERY_HIGH_BP = (180, 120)  # systolic, diastolic: at or above either
VERY_HIGH_BP_PREGNANT = (160, 110)
# No one is at risk below these: a report may pass over readings outside them unread.
ANAEMIA_HIGHEST = max(ANAEMIA_CHILD_UNDER_5, ANAEMIA_CHILD_5_TO_11, ANAEMIA_CHILD_12_TO_14, ANAEMIA_WOMAN,
                      ANAEMIA_PREGNANT, ANAEMIA_MAN)
VERY_HIGH_BP_LOWEST = (min(VERY_HIGH_BP[0], VERY_HIGH_BP_PREGNANT[0]), min(VERY_HIGH_BP[1], VERY_HIGH_BP_PREGNANT[1]))


def anaemia_threshold(age: int, sex: str, pregnant: bool | None) -> Decimal:
    """The haemoglobin (g/dL) below which the patient is anaemic."""
    if age < 5:
        return ANAEMIA_CHILD_UNDER_5
    if age < 12:
        return ANAEMIA_CHILD_5_TO_11
    if age < 15:
        return ANAEMIA_CHILD_12_TO_14
    if sex == "M":
        return ANAEMIA_MAN
    return ANAEMIA_PREGNANT if pregnant else ANAEMIA_WOMAN


def very_high_blood_pressure(vitals: Vitals) -> bool:
    if vitals.bp_systolic is None or vitals.bp_diastolic is None:
        return False
    systolic, diastolic = VERY_HIGH_BP_PREGNANT if vitals.pregnant else VERY_HIGH_BP
    return vitals.bp_systolic >= systolic or vitals.bp_diastolic >= diastolic


def risks(age: int, sex: str, latest_haemoglobin: Vitals | None, latest_pressure: Vitals | None) -> list[str]:
    """Why the patient is at high risk, from their latest haemoglobin and blood pressure readings
    (each a visit's vitals, which say whether the patient was pregnant then); empty when not."""
    found = []
    if latest_haemoglobin is not None and latest_haemoglobin.haemoglobin is not None:
        threshold = anaemia_threshold(age, sex, latest_haemoglobin.pregnant)
        if latest_haemoglobin.haemoglobin < threshold:
            pregnant = ", pregnant" if latest_haemoglobin.pregnant and age >= 15 else ""
            found.append(f"anaemia: Hb {latest_haemoglobin.haemoglobin} below {threshold}{pregnant}")
    if latest_pressure is not None and very_high_blood_pressure(latest_pressure):
        found.append(f"very high blood pressure: {latest_pressure.blood_pressure}")
    return found
