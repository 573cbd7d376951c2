using System;
using CityEdge.Hal;

namespace CityEdge.Lighting
{
    /// <summary>
    /// Drives the lamp's dimming input through a PWM channel: light level → duty through the
    /// configured curve, the driver's minimum dim level respected (any level above 0 but below it
    /// gives the minimum; 0 is off), and an optional inverting stage.
    /// Wiring (docs/lighting.md, "Fail-safe wiring"): the GPIO drives an NPN/N-MOSFET stage that pulls
    /// the driver's 0–10 V or PWM dim line DOWN. With the GPIO low or floating (reset, crash, no
    /// firmware) the stage is off, the driver's own pull-up takes the line to 10 V and the lamp runs at
    /// 100 % (IEC 60929 Annex E: an open 0–10 V control input gives maximum output). So the inverted
    /// duty is the fraction of time the line is pulled down: duty 0 = full light.
    /// </summary>
    public sealed class LampOutput
    {
        /// <summary>IEEE 1789-2015 recommended practice, low-risk region: modulation below 0.08 × f % for
        /// 90..1250 Hz, no limit above 1250 Hz. PWM is 100 % modulation, so it needs f >= 1250 Hz
        /// (3 kHz reaches the no-observable-effect region, 0.0333 × f %). Below this the output refuses to start.</summary>
        public const int MinFrequencyHz = 1250;

        private readonly IPwmChannel _pwm;
        private readonly PiecewiseCurve _levelToDutyPct;
        private readonly float _driverMinPct;
        private readonly bool _inverted;

        public LampOutput(IPwmChannel pwm, PiecewiseCurve levelToDutyPct, float driverMinPct, bool inverted)
        {
            if (pwm == null || levelToDutyPct == null)
            {
                throw new ArgumentNullException(pwm == null ? "pwm" : "levelToDutyPct");
            }

            if (pwm.FrequencyHz < MinFrequencyHz)
            {
                throw new ArgumentException("lamp PWM at " + pwm.FrequencyHz + " Hz would flicker visibly; IEEE 1789-2015 low-risk needs >= " + MinFrequencyHz + " Hz", "pwm");
            }

            _pwm = pwm;
            _levelToDutyPct = levelToDutyPct;
            _driverMinPct = driverMinPct;
            _inverted = inverted;
        }

        /// <summary>The level actually given to the driver after the minimum dim level, %.</summary>
        public float AppliedLevelPct { get; private set; }

        /// <summary>Duty written to the PWM channel last, 0..1 (after inversion).</summary>
        public float DutyFraction { get; private set; }

        public void SetLevel(float levelPct)
        {
            // Every clamp sends NaN (a bug upstream) to full light, the lamp's fail-safe, never to the PWM.
            float level = levelPct <= 0f ? 0f : !(levelPct <= 100f) ? 100f : levelPct < _driverMinPct ? _driverMinPct : levelPct;
            float duty = _levelToDutyPct.ValueAt(level) / 100f;
            duty = duty < 0f ? 0f : !(duty <= 1f) ? 1f : duty;
            AppliedLevelPct = level;
            DutyFraction = _inverted ? 1f - duty : duty;
            _pwm.SetDutyCycle(DutyFraction);
        }
    }
}
