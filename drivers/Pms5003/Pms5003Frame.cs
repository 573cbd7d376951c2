using System;

namespace CityEdge.Drivers.Pms5003
{
    /// <summary>
    /// The 13 data words of one PMS5003 / PMS7003 data frame (Plantower PMS5003 data manual V2.3,
    /// Appendix I): PM mass for "standard particle" (CF=1) and "under atmospheric environment",
    /// and particle counts per 0.1 L above each size. Reused by the parser: no allocation per frame.
    /// </summary>
    public sealed class Pms5003Frame
    {
        /// <summary>Data words in a frame (length field 28 = 13 words + the 2-byte check code).</summary>
        public const int WordCount = 13;

        private readonly int[] _words = new int[WordCount];

        /// <summary>Data 1-3: PM1.0 / PM2.5 / PM10, µg/m³, CF=1 (factory calibration particle).</summary>
        public int Pm1_0StandardUgM3
        {
            get { return _words[0]; }
        }

        public int Pm2_5StandardUgM3
        {
            get { return _words[1]; }
        }

        public int Pm10StandardUgM3
        {
            get { return _words[2]; }
        }

        /// <summary>Data 4-6: PM1.0 / PM2.5 / PM10, µg/m³, under atmospheric environment (what the node reports).</summary>
        public int Pm1_0AtmosphericUgM3
        {
            get { return _words[3]; }
        }

        public int Pm2_5AtmosphericUgM3
        {
            get { return _words[4]; }
        }

        public int Pm10AtmosphericUgM3
        {
            get { return _words[5]; }
        }

        /// <summary>Data 7-12: particles above 0.3, 0.5, 1.0, 2.5, 5.0 and 10 µm per 0.1 L of air.</summary>
        public int Count0_3um
        {
            get { return _words[6]; }
        }

        public int Count0_5um
        {
            get { return _words[7]; }
        }

        public int Count1_0um
        {
            get { return _words[8]; }
        }

        public int Count2_5um
        {
            get { return _words[9]; }
        }

        public int Count5_0um
        {
            get { return _words[10]; }
        }

        public int Count10um
        {
            get { return _words[11]; }
        }

        /// <summary>Data 13: reserved on the PMS5003; version (high byte) and error code (low byte) on the PMS7003.</summary>
        public int Reserved
        {
            get { return _words[12]; }
        }

        /// <summary>Data word 1..13 as numbered in the data manual.</summary>
        public int GetWord(int number)
        {
            if (number < 1 || number > WordCount)
            {
                throw new ArgumentOutOfRangeException("number", "data words are 1.." + WordCount + ", got " + number);
            }

            return _words[number - 1];
        }

        /// <summary>Reads the 13 big-endian words starting at <paramref name="offset"/>.</summary>
        internal void Load(byte[] buffer, int offset)
        {
            for (int i = 0; i < WordCount; i++)
            {
                _words[i] = (buffer[offset + (2 * i)] << 8) | buffer[offset + (2 * i) + 1];
            }
        }
    }
}
