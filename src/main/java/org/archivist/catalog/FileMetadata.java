package org.archivist.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.type.SqlTypes;

/** Technical and descriptive metadata of one file; {@code extra} holds whatever else was found. */
@Entity
@Table(name = "file_metadata")
public class FileMetadata {

    @Id
    @Column(name = "file_id")
    private Long fileId;

    @MapsId
    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "file_id")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private CatalogFile file;

    @Column(name = "duration_seconds") private Double durationSeconds;
    private Integer width;
    private Integer height;
    private Double fps;
    @Column(name = "video_codec") private String videoCodec;
    @Column(name = "audio_codec") private String audioCodec;
    private Long bitrate;
    @Column(name = "sample_rate") private Integer sampleRate;
    private Integer channels;
    private String artist;
    private String album;
    private String title;
    private Integer year;
    private String genre;
    @Column(name = "camera_make") private String cameraMake;
    @Column(name = "camera_model") private String cameraModel;
    private String lens;
    private Integer iso;
    private Double aperture;
    @Column(name = "shutter_speed") private String shutterSpeed;
    @Column(name = "focal_length") private Double focalLength;
    private Integer orientation;
    private Double latitude;
    private Double longitude;
    private Double altitude;
    @Column(name = "location_name") private String locationName;
    @Column(name = "page_count") private Integer pageCount;
    private String language;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> extra = new LinkedHashMap<>();

    public FileMetadata() {
    }

    void attachTo(CatalogFile owner) {
        this.file = owner;
    }

    public Long getFileId() { return fileId; }
    public CatalogFile getFile() { return file; }
    public Double getDurationSeconds() { return durationSeconds; }
    public void setDurationSeconds(Double durationSeconds) { this.durationSeconds = durationSeconds; }
    public Integer getWidth() { return width; }
    public void setWidth(Integer width) { this.width = width; }
    public Integer getHeight() { return height; }
    public void setHeight(Integer height) { this.height = height; }
    public Double getFps() { return fps; }
    public void setFps(Double fps) { this.fps = fps; }
    public String getVideoCodec() { return videoCodec; }
    public void setVideoCodec(String videoCodec) { this.videoCodec = videoCodec; }
    public String getAudioCodec() { return audioCodec; }
    public void setAudioCodec(String audioCodec) { this.audioCodec = audioCodec; }
    public Long getBitrate() { return bitrate; }
    public void setBitrate(Long bitrate) { this.bitrate = bitrate; }
    public Integer getSampleRate() { return sampleRate; }
    public void setSampleRate(Integer sampleRate) { this.sampleRate = sampleRate; }
    public Integer getChannels() { return channels; }
    public void setChannels(Integer channels) { this.channels = channels; }
    public String getArtist() { return artist; }
    public void setArtist(String artist) { this.artist = artist; }
    public String getAlbum() { return album; }
    public void setAlbum(String album) { this.album = album; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public Integer getYear() { return year; }
    public void setYear(Integer year) { this.year = year; }
    public String getGenre() { return genre; }
    public void setGenre(String genre) { this.genre = genre; }
    public String getCameraMake() { return cameraMake; }
    public void setCameraMake(String cameraMake) { this.cameraMake = cameraMake; }
    public String getCameraModel() { return cameraModel; }
    public void setCameraModel(String cameraModel) { this.cameraModel = cameraModel; }
    public String getLens() { return lens; }
    public void setLens(String lens) { this.lens = lens; }
    public Integer getIso() { return iso; }
    public void setIso(Integer iso) { this.iso = iso; }
    public Double getAperture() { return aperture; }
    public void setAperture(Double aperture) { this.aperture = aperture; }
    public String getShutterSpeed() { return shutterSpeed; }
    public void setShutterSpeed(String shutterSpeed) { this.shutterSpeed = shutterSpeed; }
    public Double getFocalLength() { return focalLength; }
    public void setFocalLength(Double focalLength) { this.focalLength = focalLength; }
    public Integer getOrientation() { return orientation; }
    public void setOrientation(Integer orientation) { this.orientation = orientation; }
    public Double getLatitude() { return latitude; }
    public void setLatitude(Double latitude) { this.latitude = latitude; }
    public Double getLongitude() { return longitude; }
    public void setLongitude(Double longitude) { this.longitude = longitude; }
    public Double getAltitude() { return altitude; }
    public void setAltitude(Double altitude) { this.altitude = altitude; }
    public String getLocationName() { return locationName; }
    public void setLocationName(String locationName) { this.locationName = locationName; }
    public Integer getPageCount() { return pageCount; }
    public void setPageCount(Integer pageCount) { this.pageCount = pageCount; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public Map<String, Object> getExtra() { return extra; }
    public void setExtra(Map<String, Object> extra) { this.extra = extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra); }
}
