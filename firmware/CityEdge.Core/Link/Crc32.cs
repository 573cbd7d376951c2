namespace CityEdge.Link
{
    /// <summary>
    /// CRC-32 as in IEEE 802.3 / zlib (reflected polynomial 0xEDB88320, initial and final value
    /// 0xFFFFFFFF; check value of "123456789" is 0xCBF43926). Guards every flash queue record so a
    /// torn or decayed write is detected. Table-driven: 1 KB once, no allocation per call.
    /// </summary>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Start(), data, offset, count));
        }

        public static uint Start()
        {
            return 0xFFFFFFFF;
        }

        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        public static uint Finish(uint crc)
        {
            return crc ^ 0xFFFFFFFF;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
