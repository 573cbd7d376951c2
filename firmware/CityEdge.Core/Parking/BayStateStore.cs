using System;
using CityEdge.Diagnostics;
using CityEdge.Hal;
using CityEdge.Link;

namespace CityEdge.Parking
{
    /// <summary>
    /// Keeps every bay's <see cref="BaySnapshot"/> in flash, so that a node rebooting under parked cars is right
    /// again from its first readings instead of learning the cars as the empty field.
    /// <para><b>Crash safety, whatever the file system does:</b> two slot files, <see cref="SlotA"/> and
    /// <see cref="SlotB"/>; each save goes to the slot that does not hold the newest good record, so a power cut
    /// at any byte of a save can only tear that slot; the other keeps the previous good record. A record carries a
    /// generation number and a CRC-32; on start-up both slots are read, a slot that is short, torn, of another
    /// version or bay count, or implausible is ignored, and the newest good one is taken.</para>
    /// <para><b>Wear:</b> one record (8 + 49 per bay + 4 bytes: 404 for 8 bays) per save; a save only when a bay's
    /// state changed or its baseline moved by <see cref="MovedUt"/> since the last one, and then at most once
    /// per <see cref="SaveIntervalMs"/> (a new baseline from a calibration at once), plus a refresh of what the
    /// bays learned about the lane every <see cref="RefreshIntervalMs"/>: at most ~150 writes a day; 60-70 a day
    /// measured for 8 bays of the evaluation scenarios (docs/parking.md, "After a reboot").</para>
    /// </summary>
    public sealed class BayStateStore
    {
        public const string SlotA = "parking-a.bin";
        public const string SlotB = "parking-b.bin";

        /// <summary>Shortest time between two saves, ms.</summary>
        public const int SaveIntervalMs = 600000;

        /// <summary>What the bays learned about the lane is saved at least this often if nothing else is, ms.</summary>
        public const int RefreshIntervalMs = 6 * 3600 * 1000;

        /// <summary>A baseline that moved this far since the last save is worth saving, µT.</summary>
        public const float MovedUt = 0.5f;

        private const byte Magic0 = (byte)'P';
        private const byte Magic1 = (byte)'B';
        private const byte Version = 1;
        private const int HeaderLength = 8;
        private const int RecordLength = 49;
        private const int CrcLength = 4;
        private const byte FlagBaseline = 1;
        private const byte FlagOccupied = 2;

        // Fields are kept in nT: plenty for a magnetometer's resolution, and integers need no float layout.
        private const float NanoteslaPerUt = 1000f;

        // Plausibility on load: no axis beyond this (the sensors' full scale is 800-810 µT), and a baseline of at
        // least this magnitude (the Earth's field alone is 25-65 µT), µT.
        private const float MaxFieldUt = 2000f;
        private const float MinBaselineUt = 1f;
        private const float MaxPulsesPerHour = 36000f;
        private const float MaxFixedUt = 2000000f;

        private const string LogTag = "parking";

        private readonly IPersistentStore _store;
        private readonly ILogSink _log;
        private readonly int _bayCount;
        private readonly byte[] _buffer;
        private readonly BaySnapshot[] _saved;
        private readonly int[] _savedCalibrations;
        private readonly BaySnapshot _current = new BaySnapshot();
        private uint _generation;
        private bool _newestInA;
        private bool _hasSaved;
        private long _lastSaveMs;

        public BayStateStore(IPersistentStore store, int bayCount, ILogSink log)
        {
            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            _store = store;
            _bayCount = bayCount;
            _log = log ?? NullLogSink.Instance;
            _buffer = new byte[RecordSize(bayCount)];
            _saved = new BaySnapshot[bayCount];
            _savedCalibrations = new int[bayCount];
            for (int i = 0; i < bayCount; i++)
            {
                _saved[i] = new BaySnapshot();
            }
        }

        /// <summary>Records written since start-up.</summary>
        public int SaveCount { get; private set; }

        /// <summary>Bytes of one record for <paramref name="bayCount"/> bays.</summary>
        public static int RecordSize(int bayCount)
        {
            return HeaderLength + (RecordLength * bayCount) + CrcLength;
        }

        /// <summary>Loads the newest good record and hands each bay its snapshot; true when one was found. Call
        /// once, before the first reading.</summary>
        public bool Restore(BayRow row)
        {
            uint generationA;
            uint generationB;
            bool goodA = Load(SlotA, out generationA);
            bool goodB = Load(SlotB, out generationB);
            if (!goodA && !goodB)
            {
                _log.Write(LogLevel.Info, LogTag, "no saved bay states: learning each bay's empty field");
                return false;
            }

            // Generations count up from 1; the comparison survives their wrap-around.
            _newestInA = goodA && (!goodB || (int)(generationA - generationB) > 0);
            _generation = _newestInA ? generationA : generationB;
            Load(_newestInA ? SlotA : SlotB, out _generation);
            for (int bay = 0; bay < _bayCount; bay++)
            {
                Decode(_buffer, HeaderLength + (bay * RecordLength), _saved[bay]);
                row.GetDetector(bay).Restore(_saved[bay]);
            }

            _hasSaved = true;
            _log.Write(LogLevel.Info, LogTag, "bay states restored from " + (_newestInA ? SlotA : SlotB) + ", generation " + _generation);
            return true;
        }

        /// <summary>Saves the bays' snapshots when something worth keeping changed and the last save is long enough
        /// ago (see the class summary); true when a record was written.</summary>
        public bool SaveIfDue(long nowMs, BayRow row)
        {
            bool changed = false;
            bool urgent = false;
            bool learned = false;
            for (int bay = 0; bay < _bayCount; bay++)
            {
                BayDetector detector = row.GetDetector(bay);
                detector.TakeSnapshot(_current);
                BaySnapshot saved = _saved[bay];

                // A baseline a technician's recalibration (or the first start-up) just learned is saved at once.
                urgent = urgent || detector.CalibrationCount != _savedCalibrations[bay];
                changed = changed || _current.HasBaseline != saved.HasBaseline || _current.Occupied != saved.Occupied
                    || !_current.Baseline.IsNear(saved.Baseline, MovedUt);
                learned = learned || _current.LaneEnvelopeUt != saved.LaneEnvelopeUt || _current.LanePulsesPerHour != saved.LanePulsesPerHour || _current.LaneBusyUt != saved.LaneBusyUt;
            }

            long sinceMs = nowMs - _lastSaveMs;
            bool due = !_hasSaved || urgent || (changed && sinceMs >= SaveIntervalMs) || (learned && sinceMs >= RefreshIntervalMs);
            if (!due || !(changed || learned))
            {
                return false;
            }

            Save(nowMs, row);
            return true;
        }

        /// <summary>Writes every bay's snapshot to the slot that does not hold the newest good record.</summary>
        public void Save(long nowMs, BayRow row)
        {
            _buffer[0] = Magic0;
            _buffer[1] = Magic1;
            _buffer[2] = Version;
            _buffer[3] = (byte)_bayCount;
            uint generation = _generation + 1;
            WriteUInt32(_buffer, 4, generation);
            for (int bay = 0; bay < _bayCount; bay++)
            {
                row.GetDetector(bay).TakeSnapshot(_current);
                Encode(_current, _buffer, HeaderLength + (bay * RecordLength));
            }

            int crcAt = HeaderLength + (RecordLength * _bayCount);
            WriteUInt32(_buffer, crcAt, Crc32.Compute(_buffer, 0, crcAt));
            string slot = _newestInA ? SlotB : SlotA;
            _lastSaveMs = nowMs;
            _hasSaved = true;
            try
            {
                _store.WriteAll(slot, _buffer, 0, _buffer.Length);
            }
            catch (Exception ex)
            {
                // Flash full or failing: the previous record stands; try again after the save interval.
                _log.Write(LogLevel.Warning, LogTag, "could not save bay states to " + slot + ": " + ex.Message);
                return;
            }

            _generation = generation;
            _newestInA = !_newestInA;
            SaveCount++;
            for (int bay = 0; bay < _bayCount; bay++)
            {
                BayDetector detector = row.GetDetector(bay);
                detector.TakeSnapshot(_saved[bay]);
                _savedCalibrations[bay] = detector.CalibrationCount;
            }
        }

        /// <summary>Reads <paramref name="slot"/> into the buffer; true when it holds a good record for this node's bays.</summary>
        private bool Load(string slot, out uint generation)
        {
            generation = 0;
            byte[] data = _store.ReadAll(slot);
            string problem = Check(data, _bayCount);
            if (problem != null)
            {
                if (data != null)
                {
                    _log.Write(LogLevel.Warning, LogTag, "saved bay states in " + slot + " ignored: " + problem);
                }

                return false;
            }

            Array.Copy(data, _buffer, _buffer.Length);
            generation = ReadUInt32(data, 4);
            return true;
        }

        /// <summary>Null when <paramref name="data"/> is a good record for <paramref name="bayCount"/> bays, else what
        /// is wrong with it (naming the byte or bay).</summary>
        public static string Check(byte[] data, int bayCount)
        {
            if (data == null)
            {
                return "missing";
            }

            if (data.Length < HeaderLength + CrcLength || data[0] != Magic0 || data[1] != Magic1)
            {
                return "not a bay state record (" + data.Length + " bytes)";
            }

            if (data[2] != Version)
            {
                return "version " + data[2] + " at byte 2, expected " + Version;
            }

            if (data[3] != bayCount)
            {
                return "saved for " + data[3] + " bays (byte 3), this node has " + bayCount;
            }

            int crcAt = HeaderLength + (RecordLength * bayCount);
            if (data.Length != crcAt + CrcLength)
            {
                return "length " + data.Length + ", expected " + (crcAt + CrcLength) + " (torn write)";
            }

            if (ReadUInt32(data, crcAt) != Crc32.Compute(data, 0, crcAt))
            {
                return "CRC mismatch at byte " + crcAt + " (torn or decayed)";
            }

            BaySnapshot snapshot = new BaySnapshot();
            for (int bay = 0; bay < bayCount; bay++)
            {
                int at = HeaderLength + (bay * RecordLength);
                if ((data[at] & ~(FlagBaseline | FlagOccupied)) != 0 || data[at] == FlagOccupied)
                {
                    return "bay " + bay + ": flags " + data[at] + " at byte " + at;
                }

                Decode(data, at, snapshot);
                if (!IsPlausible(snapshot))
                {
                    return "bay " + bay + ": implausible field at bytes " + at + ".." + (at + RecordLength - 1);
                }
            }

            return null;
        }

        private static bool IsPlausible(BaySnapshot s)
        {
            return IsPlausible(s.Baseline) && IsPlausible(s.OccupiedLevel) && IsPlausible(s.EmptyBefore)
                && (!s.HasBaseline || s.Baseline.Magnitude >= MinBaselineUt)
                && s.LaneEnvelopeUt >= 0f && s.LaneEnvelopeUt <= MaxFieldUt
                && s.LaneBusyUt >= 0f && s.LaneBusyUt <= MaxFieldUt
                && s.LanePulsesPerHour >= 0f && s.LanePulsesPerHour <= MaxPulsesPerHour;
        }

        private static bool IsPlausible(FieldVector v)
        {
            return Math.Abs(v.X) <= MaxFieldUt && Math.Abs(v.Y) <= MaxFieldUt && Math.Abs(v.Z) <= MaxFieldUt;
        }

        private static void Encode(BaySnapshot s, byte[] buffer, int at)
        {
            buffer[at] = (byte)((s.HasBaseline ? FlagBaseline : 0) | (s.Occupied ? FlagOccupied : 0));
            at = WriteVector(buffer, at + 1, s.Baseline);
            at = WriteVector(buffer, at, s.OccupiedLevel);
            at = WriteVector(buffer, at, s.EmptyBefore);
            WriteUInt32(buffer, at, (uint)ToFixed(s.LaneEnvelopeUt));
            WriteUInt32(buffer, at + 4, (uint)ToFixed(s.LanePulsesPerHour));
            WriteUInt32(buffer, at + 8, (uint)ToFixed(s.LaneBusyUt));
        }

        private static void Decode(byte[] data, int at, BaySnapshot into)
        {
            into.HasBaseline = (data[at] & FlagBaseline) != 0;
            into.Occupied = (data[at] & FlagOccupied) != 0;
            at = ReadVector(data, at + 1, into.Baseline);
            at = ReadVector(data, at, into.OccupiedLevel);
            at = ReadVector(data, at, into.EmptyBefore);
            into.LaneEnvelopeUt = FromFixed(data, at);
            into.LanePulsesPerHour = FromFixed(data, at + 4);
            into.LaneBusyUt = FromFixed(data, at + 8);
        }

        private static int WriteVector(byte[] buffer, int at, FieldVector v)
        {
            WriteUInt32(buffer, at, (uint)ToFixed(v.X));
            WriteUInt32(buffer, at + 4, (uint)ToFixed(v.Y));
            WriteUInt32(buffer, at + 8, (uint)ToFixed(v.Z));
            return at + 12;
        }

        private static int ReadVector(byte[] data, int at, FieldVector into)
        {
            into.Set(FromFixed(data, at), FromFixed(data, at + 4), FromFixed(data, at + 8));
            return at + 12;
        }

        private static int ToFixed(float value)
        {
            // Clamped to what an int32 of nT holds; anything near that is rejected as implausible on load.
            float limited = value > MaxFixedUt ? MaxFixedUt : value < -MaxFixedUt ? -MaxFixedUt : value;
            return (int)Math.Round(limited * NanoteslaPerUt);
        }

        private static float FromFixed(byte[] data, int at)
        {
            return (int)ReadUInt32(data, at) / NanoteslaPerUt;
        }

        private static void WriteUInt32(byte[] buffer, int at, uint value)
        {
            buffer[at] = (byte)(value >> 24);
            buffer[at + 1] = (byte)(value >> 16);
            buffer[at + 2] = (byte)(value >> 8);
            buffer[at + 3] = (byte)value;
        }

        private static uint ReadUInt32(byte[] data, int at)
        {
            return ((uint)data[at] << 24) | ((uint)data[at + 1] << 16) | ((uint)data[at + 2] << 8) | data[at + 3];
        }
    }
}
