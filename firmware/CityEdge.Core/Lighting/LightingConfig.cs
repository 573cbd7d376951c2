using System.Collections;
using CityEdge.Config;

namespace CityEdge.Lighting
{
    /// <summary>
    /// The node's lighting.* keys (entries in <see cref="NodeConfig.Schema"/>, docs/lighting.md),
    /// checked across fields and turned into controller settings, output curve and power model.
    /// </summary>
    public sealed class LightingConfig
    {
        private LightingConfig()
        {
        }

        public LightingSettings Settings { get; private set; }

        public string DesignClass { get; private set; }

        public string RoadClass { get; private set; }

        public PiecewiseCurve DutyCurve { get; private set; }

        public PiecewiseCurve DriverEfficiency { get; private set; }

        public int DriverMinPct { get; private set; }

        public bool PwmInverted { get; private set; }

        public float RatedW { get; private set; }

        public float StandbyW { get; private set; }

        /// <summary>Empty when presence is not shared.</summary>
        public string Group { get; private set; }

        public int PeriodMs { get; private set; }

        public PowerModel CreatePowerModel()
        {
            return new PowerModel(RatedW, StandbyW, DriverEfficiency);
        }

        /// <summary>Builds the lighting part of a node config from checked values; adds an error
        /// naming line and key(s) for every cross-field problem and returns null if there was any.</summary>
        public static LightingConfig From(Hashtable values, Hashtable lines, ArrayList errors)
        {
            int before = errors.Count;
            var c = new LightingConfig();
            var s = new LightingSettings();
            c.Settings = s;
            string latitude = (string)values["lighting.latitude"];
            string longitude = (string)values["lighting.longitude"];
            if ((latitude.Length == 0) != (longitude.Length == 0))
            {
                Add(errors, lines, latitude.Length == 0 ? "lighting.longitude" : "lighting.latitude", "lighting.latitude and lighting.longitude must be set together");
            }
            else if (latitude.Length > 0)
            {
                float lat;
                float lon;
                if (!float.TryParse(latitude, out lat) || !(lat >= -90f && lat <= 90f))
                {
                    Add(errors, lines, "lighting.latitude", "'" + latitude + "' is not a latitude -90..90");
                }
                else if (!float.TryParse(longitude, out lon) || !(lon >= -180f && lon <= 180f))
                {
                    Add(errors, lines, "lighting.longitude", "'" + longitude + "' is not a longitude -180..180");
                }
                else
                {
                    s.HasPosition = true;
                    s.LatitudeDeg = lat;
                    s.LongitudeDeg = lon;
                }
            }

            c.DesignClass = (string)values["lighting.design_class"];
            c.RoadClass = (string)values["lighting.road_class"];
            string problem;
            int minimum = LightingClass.MinimumLevelPct(c.RoadClass, c.DesignClass, out problem);
            if (problem != null)
            {
                Add(errors, lines, "lighting.road_class", problem + " (with lighting.design_class)");
            }

            s.ClassMinimumPct = minimum;
            s.UtcOffsetMin = Int(values, "lighting.utc_offset_min");
            s.EveningLevelPct = Int(values, "lighting.evening_pct");
            s.NightLevelPct = Int(values, "lighting.night_pct");
            s.MorningLevelPct = Int(values, "lighting.morning_pct");
            s.NightStartMin = Int(values, "lighting.night_start_min");
            s.WeekendNightStartMin = Int(values, "lighting.weekend_night_start_min");
            s.MorningStartMin = Int(values, "lighting.morning_start_min");
            s.StepRampS = Int(values, "lighting.step_ramp_s");
            s.OnOffsetMin = Int(values, "lighting.on_offset_min");
            s.OffOffsetMin = Int(values, "lighting.off_offset_min");
            s.BoostPct = Int(values, "lighting.boost_pct");
            s.RampUpMs = Int(values, "lighting.ramp_up_ms");
            s.HoldMs = Int(values, "lighting.hold_s") * 1000;
            s.RampDownMs = Int(values, "lighting.ramp_down_s") * 1000;
            s.AmbientOnLux = Int(values, "lighting.ambient_on_lux");
            s.AmbientOffLux = Int(values, "lighting.ambient_off_lux");
            s.DarkDayLevelPct = Int(values, "lighting.dark_day_pct");
            if (s.AmbientOffLux <= s.AmbientOnLux)
            {
                Add(errors, lines, lines.Contains("lighting.ambient_off_lux") ? "lighting.ambient_off_lux" : "lighting.ambient_on_lux",
                    "lighting.ambient_off_lux " + s.AmbientOffLux + " must be above lighting.ambient_on_lux " + s.AmbientOnLux + " (the hysteresis)");
            }

            if (minimum >= 0 && s.BoostPct < minimum)
            {
                Add(errors, lines, lines.Contains("lighting.boost_pct") ? "lighting.boost_pct" : "lighting.road_class",
                    "lighting.boost_pct " + s.BoostPct + " is below the lighting.road_class minimum " + minimum + " %");
            }

            string group = (string)values["lighting.group"];
            if (group.Length > 0 && !ValidGroup(group))
            {
                Add(errors, lines, "lighting.group", "'" + group + "' must be [a-z0-9-] (one MQTT topic level)");
            }

            c.Group = group;
            // Both curves run over 0..100 %: light level for the duty, load for the efficiency.
            c.DutyCurve = Curve(values, lines, errors, "lighting.duty_curve", 0f, 100f);
            c.DriverEfficiency = Curve(values, lines, errors, "lighting.driver_efficiency", 1f, 100f);
            c.DriverMinPct = Int(values, "lighting.driver_min_pct");
            c.PwmInverted = (string)values["lighting.pwm_inverted"] == "true";
            c.RatedW = Int(values, "lighting.rated_w");
            c.StandbyW = Int(values, "lighting.standby_mw") / 1000f;
            c.PeriodMs = Int(values, "lighting.period_ms");
            if (c.StandbyW >= c.RatedW)
            {
                Add(errors, lines, "lighting.standby_mw", "standby power must be below lighting.rated_w");
            }

            return errors.Count > before ? null : c;
        }

        private static PiecewiseCurve Curve(Hashtable values, Hashtable lines, ArrayList errors, string key, float minY, float maxY)
        {
            string problem;
            PiecewiseCurve curve = PiecewiseCurve.Parse((string)values[key], 0f, 100f, minY, maxY, out problem);
            if (curve == null)
            {
                Add(errors, lines, key, problem);
            }

            return curve;
        }

        private static bool ValidGroup(string group)
        {
            for (int i = 0; i < group.Length; i++)
            {
                char ch = group[i];
                if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'))
                {
                    return false;
                }
            }

            return true;
        }

        private static int Int(Hashtable values, string key)
        {
            return int.Parse((string)values[key]);
        }

        private static void Add(ArrayList errors, Hashtable lines, string key, string message)
        {
            object line = lines[key];
            errors.Add(new ConfigError(line == null ? 0 : (int)line, key, message));
        }
    }
}
