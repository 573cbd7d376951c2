namespace CityEdge.Air
{
    /// <summary>
    /// The median of a few readings: one odd frame (a passing smoker, an insect in the inlet) cannot
    /// move it, unlike a mean. Sorts a reused copy, so it allocates nothing.
    /// </summary>
    public sealed class MedianCombiner
    {
        private readonly int[] _sorted;

        public MedianCombiner(int capacity)
        {
            _sorted = new int[capacity];
        }

        /// <summary>The median of <paramref name="values"/>[0..count); the mean of the middle two for an even count.</summary>
        public float Median(int[] values, int count)
        {
            for (int i = 0; i < count; i++)
            {
                // Insertion sort: count is at most a few dozen.
                int v = values[i];
                int j = i - 1;
                while (j >= 0 && _sorted[j] > v)
                {
                    _sorted[j + 1] = _sorted[j];
                    j--;
                }

                _sorted[j + 1] = v;
            }

            int mid = count / 2;
            return (count % 2) == 1 ? _sorted[mid] : (_sorted[mid - 1] + _sorted[mid]) / 2f;
        }
    }
}
