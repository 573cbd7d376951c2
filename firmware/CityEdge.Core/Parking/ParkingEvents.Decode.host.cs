using CityEdge.Telemetry;

namespace CityEdge.Parking
{
    /// <summary>The command centre's half of <see cref="ParkingEvents"/>, left out of the device image (*.host.cs).</summary>
    public static partial class ParkingEvents
    {
        /// <summary>Checks a type 1 payload and returns its bay; throws <see cref="FrameFormatException"/>
        /// naming the payload offset and field of the first problem.</summary>
        public static int DecodeBayStateChanged(byte[] payload, int offset, int count, out ParkingBayState state, out BayChangeCause cause, out int ageS, out int deviationDut)
        {
            if (count != BayStateChangedLength)
            {
                throw new FrameFormatException(count < BayStateChangedLength ? count : BayStateChangedLength, "bay_state.length", "payload is " + count + " bytes; bay state changed has " + BayStateChangedLength);
            }

            int bay = payload[offset];
            if (bay >= TelemetryReport.MaxParkingBays)
            {
                throw new FrameFormatException(0, "bay_state.bay", "bay " + bay + " outside 0.." + (TelemetryReport.MaxParkingBays - 1));
            }

            int rawState = payload[offset + 1];
            if (rawState > (int)ParkingBayState.Unknown)
            {
                throw new FrameFormatException(1, "bay_state.state", "state " + rawState + " is not 0 (free), 1 (occupied) or 2 (unknown)");
            }

            int rawCause = payload[offset + 2];
            if (rawCause > (int)BayChangeCause.Watchdog)
            {
                throw new FrameFormatException(2, "bay_state.cause", "cause " + rawCause + " is not 0..3");
            }

            state = (ParkingBayState)rawState;
            cause = (BayChangeCause)rawCause;
            ageS = (payload[offset + 3] << 8) | payload[offset + 4];
            deviationDut = (payload[offset + 5] << 8) | payload[offset + 6];
            return bay;
        }
    }
}
