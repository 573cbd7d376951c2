namespace CityEdge.Config
{
    /// <summary>
    /// "Did you mean" for misspelt keys: the known key with the smallest edit distance, so that
    /// `bme280.buss` is refused with `bme280.bus` named beside it instead of silently dropping a sensor.
    /// </summary>
    public static class KeySuggestion
    {
        /// <summary>Keys longer than this are not compared (a pasted line is no typo of a key).</summary>
        private const int MaxLength = 64;

        /// <summary>How far <paramref name="typed"/> is from the known key <paramref name="known"/>: the
        /// Levenshtein distance, or 1 when the known key contains what was typed (led.pin → status_led.pin).</summary>
        public static int Closeness(string typed, string known)
        {
            return typed.Length >= 3 && known.IndexOf(typed) >= 0 ? 1 : Distance(typed, known);
        }

        /// <summary>Levenshtein distance (insertions, deletions, substitutions, each 1).</summary>
        public static int Distance(string a, string b)
        {
            if (a.Length > MaxLength || b.Length > MaxLength)
            {
                return a.Length > b.Length ? a.Length : b.Length;
            }

            int[] previous = new int[b.Length + 1];
            int[] current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    int delete = previous[j] + 1;
                    int insert = current[j - 1] + 1;
                    int best = substitute < delete ? substitute : delete;
                    current[j] = best < insert ? best : insert;
                }

                int[] swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }

        /// <summary>The name in <paramref name="known"/> nearest to <paramref name="key"/>.</summary>
        public static string Nearest(string key, string[] known)
        {
            string best = null;
            int bestDistance = int.MaxValue;
            for (int i = 0; i < known.Length; i++)
            {
                int distance = Closeness(key, known[i]);
                if (distance < bestDistance)
                {
                    best = known[i];
                    bestDistance = distance;
                }
            }

            return best;
        }
    }
}
