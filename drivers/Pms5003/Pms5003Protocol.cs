namespace CityEdge.Drivers.Pms5003
{
    /// <summary>
    /// Wire format of the PMS5003 / PMS7003 (Plantower PMS5003 data manual V2.3, Appendix I
    /// "transport protocol - active mode" and Appendix II "passive mode"). UART 9600 baud, 8 data
    /// bits, no parity, 1 stop bit; multi-byte values big-endian.
    /// </summary>
    public static class Pms5003Protocol
    {
        public const int BaudRate = 9600;

        /// <summary>Start characters 1 and 2 of every frame, either direction ("BM").</summary>
        public const byte Start1 = 0x42;
        public const byte Start2 = 0x4D;

        /// <summary>Data frame: start (2) + length (2) + 13 data words (26) + check code (2).</summary>
        public const int DataFrameLength = 32;

        /// <summary>Value of the data frame's length field: 2 x 13 data + 2 check bytes.</summary>
        public const int DataLengthField = 28;

        /// <summary>
        /// The sensor acknowledges a mode or sleep command with a short frame of length field 4
        /// (42 4D 00 04 CMD DATA CHK CHK). Observed on PMS5003/PMS7003 units, not in the data manual;
        /// the parser accepts it so that an acknowledgement is not counted as a fault.
        /// </summary>
        public const int AckFrameLength = 8;

        public const int AckLengthField = 4;

        /// <summary>Host command frame: 42 4D CMD DATAH DATAL LRCH LRCL (Appendix II).</summary>
        public const int CommandLength = 7;

        /// <summary>Appendix II commands and their DATAL values.</summary>
        public const byte CommandReadPassive = 0xE2;
        public const byte CommandChangeMode = 0xE1;
        public const byte ModePassive = 0x00;
        public const byte ModeActive = 0x01;
        public const byte CommandSleep = 0xE4;
        public const byte SleepOn = 0x00;
        public const byte WakeUp = 0x01;

        /// <summary>Datasheet "Circuit Attentions" 4: stable data at least 30 s after wake-up.</summary>
        public const int WarmUpS = 30;

        /// <summary>
        /// Writes a command frame at <paramref name="offset"/>; the check code LRC is the 16-bit sum of
        /// the five bytes before it (Appendix II).
        /// </summary>
        public static void WriteCommand(byte[] buffer, int offset, byte command, int data)
        {
            buffer[offset] = Start1;
            buffer[offset + 1] = Start2;
            buffer[offset + 2] = command;
            buffer[offset + 3] = (byte)(data >> 8);
            buffer[offset + 4] = (byte)data;
            int sum = 0;
            for (int i = 0; i < 5; i++)
            {
                sum += buffer[offset + i];
            }

            buffer[offset + 5] = (byte)(sum >> 8);
            buffer[offset + 6] = (byte)sum;
        }
    }
}
